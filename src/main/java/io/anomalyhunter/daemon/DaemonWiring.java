package io.anomalyhunter.daemon;

import io.anomalyhunter.alert.AlertService;
import io.anomalyhunter.api.EventStream;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.LiveTrafficJudge;
import io.anomalyhunter.hostmodel.HostModelMetrics;
import io.anomalyhunter.hostmodel.HostModelService;
import io.anomalyhunter.store.SqliteModelStore;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.collect.CollectorSet;
import io.anomalyhunter.collect.cgroup.CgroupMetrics;
import io.anomalyhunter.collect.cgroup.TopProcesses;
import io.anomalyhunter.detect.change.ContainerTroubleWatch;
import io.anomalyhunter.collect.host.HostMetrics;
import io.anomalyhunter.collect.net.BpfFilter;
import io.anomalyhunter.collect.net.CaptureSettings;
import io.anomalyhunter.collect.net.NetworkCollector;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.config.ConfigLoader;
import io.anomalyhunter.config.ConfigLocator;
import io.anomalyhunter.config.ListenAddress;
import io.anomalyhunter.config.NetworkConfig;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.DetectorFactory;
import io.anomalyhunter.detect.OwnWork;
import io.anomalyhunter.detect.net.AttackWatch;
import io.anomalyhunter.incident.IncidentCorrelator;
import io.anomalyhunter.pipeline.LoggingListener;
import io.anomalyhunter.pipeline.Pipeline;
import io.anomalyhunter.pipeline.PipelineStats;
import io.anomalyhunter.pipeline.SnapshotOnOpen;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.store.ChangeQuery;
import io.anomalyhunter.store.SqliteAnomalyQuery;
import io.anomalyhunter.rca.RcaService;
import io.anomalyhunter.store.SqliteChangeQuery;
import io.anomalyhunter.store.SqliteReportStore;
import io.anomalyhunter.store.SnapshotQuery;
import io.anomalyhunter.store.SqliteSnapshotQuery;
import io.anomalyhunter.store.SqliteBaselineStore;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteIncidentQuery;
import io.anomalyhunter.store.SqliteOpenRecords;
import io.anomalyhunter.store.SqliteQueue;
import io.anomalyhunter.store.SqliteSeriesQuery;
import io.anomalyhunter.store.SqliteWriter;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.NetMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;

/** Creates the daemon's parts and connects them; the only place that knows every feature. */
public final class DaemonWiring {
    /** Property naming the config file; "" means embedded defaults. Set by the run command or a test profile. */
    public static final String CONFIG_PROPERTY = "anomaly-hunter.config";
    /** Pending writes before raw samples are dropped; about a minute of 1 s polling on a busy host. */
    private static final int WRITE_QUEUE = 20_000;
    /**
     * The daemon's own start (a JVM loading and compiling: 80 % of two cores in its first second here, spikes for
     * ten more) is not the host's behaviour. Baselines learn nothing from it beyond their robust warm-up, and a
     * restored baseline judges nothing in it, or every restart would be a CPU anomaly, and a minute's learning
     * would remember the start among its largest deviations and miss a real burn.
     */
    static final java.time.Duration START_SETTLE = java.time.Duration.ofSeconds(30);

    @Produces
    @Singleton
    MetricCatalog catalog() {
        return metricCatalog();
    }

    /** The config loader with every check: metric names from the catalog, capture filters compiled by libpcap. */
    public static ConfigLoader configLoader() {
        return new ConfigLoader(metricCatalog()::contains, BpfFilter::problem, ListenAddress::problem);
    }

    /** Every metric the collectors produce (config validation needs it without a daemon). */
    public static MetricCatalog metricCatalog() {
        List<io.anomalyhunter.series.MetricDescriptor> all = new ArrayList<>(HostMetrics.ALL);
        all.addAll(CgroupMetrics.ALL);
        all.add(ContainerTroubleWatch.DESCRIPTOR);
        all.addAll(NetMetrics.ALL);
        all.addAll(io.anomalyhunter.pipeline.PipelineMetrics.ALL);
        all.addAll(HostModelMetrics.ALL);
        return new MetricCatalog(all);
    }

    @Produces
    @Singleton
    AppConfig config() throws ConfigException {
        Optional<String> file = ConfigProvider.getConfig().getOptionalValue(CONFIG_PROPERTY, String.class);
        ConfigLoader loader = configLoader();
        if (file.isPresent()) {
            return file.get().isBlank() ? loader.defaults() : loader.load(Path.of(file.get()));
        }
        return new ConfigLocator(System.getenv()).load(null, loader);
    }

    @Produces
    @Singleton
    InstantSource clock() {
        return InstantSource.system();
    }

    @Produces
    @Singleton
    StartSettle startSettle(InstantSource clock) {
        return new StartSettle(clock.instant().plus(START_SETTLE));
    }

    /**
     * The daemon's own heavy work (model training, reports by the local model), which the baselines do not see: in
     * the host's CPU, memory and process series, and in every series of the service or cgroup it runs in (or the
     * first training a week after installation would be an anomaly of anomaly-hunter.service).
     */
    @Produces
    @Singleton
    OwnWork ownWork(AppConfig config, InstantSource clock) {
        Optional<Map.Entry<String, String>> own = TopProcesses.ownGroup(Path.of("/proc"));
        return OwnWork.sampledEvery(clock, config.detection().interval(), series ->
                HostMetrics.MOVED_BY_OWN_WORK.contains(series.metric())
                        || own.map(g -> g.getValue().equals(series.labels().get(g.getKey()))).orElse(false));
    }

    @Produces
    @Singleton
    SqliteDatabase database(AppConfig config) {
        SqliteDatabase db = SqliteDatabase.open(config.storage().path());
        db.recordWriter(io.anomalyhunter.config.BuildInfo.version());
        return db;
    }

    @Produces
    @Singleton
    SqliteWriter writer(SqliteDatabase db, AppConfig config, InstantSource clock) {
        return new SqliteWriter(db, WRITE_QUEUE, config.storage().minFree(), clock);
    }

    /**
     * The traffic classifier from the shipped models (anomaly-hunter.models-dir, else beside the executable, else
     * ./models), loaded by the daemon as it starts. A model that is missing or refused leaves the prediction API
     * answering 503 with the reason; the daemon runs on.
     */
    @Produces
    @Singleton
    TrafficClassifier trafficClassifier() {
        return new TrafficClassifier(ModelDirectory.locate());
    }

    @Produces
    @Singleton
    ChangeQuery changes(SqliteDatabase db) {
        return new SqliteChangeQuery(db);
    }

    @Produces
    @Singleton
    SnapshotQuery snapshots(SqliteDatabase db) {
        return new SqliteSnapshotQuery(db);
    }

    @Produces
    @Singleton
    SqliteReportStore reports(SqliteDatabase db) {
        return new SqliteReportStore(db);
    }

    @Produces
    @Singleton
    RcaService rca(AppConfig config, SqliteIncidentQuery incidents, SqliteAnomalyQuery anomalies, ChangeQuery changes,
                   SnapshotQuery snapshots, InstantSource clock) {
        return new RcaService(incidents, anomalies, changes, snapshots, config.detection().correlationWindow(), clock);
    }

    @Produces
    @Singleton
    SqliteQueue queue(SqliteDatabase db, InstantSource clock) {
        return new SqliteQueue(db, clock);
    }

    @Produces
    @Singleton
    QueueCounters queueCounters() {
        return new QueueCounters();
    }

    @Produces
    @Singleton
    AlertService alerts(AppConfig config, SqliteQueue queue, SqliteDatabase db, SqliteAnomalyQuery anomalies,
                        QueueCounters counters, InstantSource clock, RcaService rca) {
        return new AlertService(config.alerts(), queue, db.queueSignal(), anomalies, counters, clock, hostName(),
                id -> likelyCause(rca, id));
    }

    /** "process burner": the top cause of an incident's rule-based report, for its alert's first line. */
    static Optional<String> likelyCause(RcaService rca, long incident) {
        try {
            return rca.report(incident).filter(r -> !r.causes().isEmpty())
                    .map(r -> r.causes().get(0).kind().replace('_', ' ') + " " + r.causes().get(0).subject());
        } catch (RuntimeException e) {
            // the alert goes out without it: a failing analysis must not hold up alerting
            java.util.logging.Logger.getLogger("Rca").warning("incident " + incident + ": no likely cause for its alert: " + e);
            return Optional.empty();
        }
    }

    /**
     * The model worker of the RCA agents, or empty for rule-based reports: when no model is configured, its file is
     * missing (said once; the daemon runs on), or the daemon was not started by {@code run} and cannot start itself.
     */
    static Optional<io.anomalyhunter.llm.WorkerProcess> modelWorker(AppConfig.Llm llm) {
        if (llm.model().isEmpty()) {
            return Optional.empty();
        }
        Path model = llm.model().get();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("Rca");
        if (!java.nio.file.Files.isReadable(model)) {
            log.warning("models.llm.path " + model + ": missing or unreadable; RCA reports are rule-based");
            return Optional.empty();
        }
        List<String> self = io.anomalyhunter.llm.WorkerProcess.selfCommand();
        if (self.isEmpty()) {
            log.warning("models.llm.path is set, but this daemon was not started by 'anomaly-hunter run' and cannot start its "
                    + "model worker; RCA reports are rule-based");
            return Optional.empty();
        }
        log.info("RCA reports by the agents on " + model.getFileName() + " (" + llm.threads() + " threads, context "
                + llm.context() + "), the rules after " + llm.attempts() + " failed attempts");
        return Optional.of(new io.anomalyhunter.llm.WorkerProcess(self, model, llm.threads(),
                llm.context(), llm.timeout()));
    }

    /** The name alerts carry; the kernel's, which needs no DNS (there may be none on an isolated site). */
    static String hostName() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    @Produces
    @Singleton
    SqliteAnomalyQuery anomalies(SqliteDatabase db) {
        return new SqliteAnomalyQuery(db);
    }

    @Produces
    @Singleton
    SqliteIncidentQuery incidents(SqliteDatabase db) {
        return new SqliteIncidentQuery(db);
    }

    @Produces
    @Singleton
    SqliteSeriesQuery series(SqliteDatabase db) {
        return new SqliteSeriesQuery(db);
    }

    @Produces
    @Singleton
    PipelineStats stats() {
        return new PipelineStats();
    }

    @Produces
    @Singleton
    Pipeline pipeline(AppConfig config, MetricCatalog catalog, SqliteDatabase db, SqliteWriter writer,
                      SqliteAnomalyQuery anomalies, SqliteIncidentQuery incidents, PipelineStats stats,
                      EventStream events, InstantSource clock, LateContainerDirectory names, StartSettle settle,
                      OwnWork ownWork) {
        AtomicLong anomalyIds = new AtomicLong(anomalies.maxId());
        AtomicLong incidentIds = new AtomicLong(incidents.maxId());
        DetectorFactory factory = new DetectorFactory(config.detection(), config.metrics(), catalog,
                ZoneId.systemDefault().getRules().getOffset(clock.instant()),
                new SqliteBaselineStore(db).loadAll(), settle.until().toEpochMilli(), ownWork);
        AnomalyTracker tracker = AnomalyTracker.forDetection(anomalyIds::incrementAndGet, config.detection().minConfidence());
        IncidentCorrelator correlator = new IncidentCorrelator(incidentIds::incrementAndGet,
                config.detection().correlationWindow());
        // A series gone since the previous run (a removed disk, an attack that ended) has ten intervals, and at
        // least a minute, to show up again before what it left open is closed.
        java.time.Duration grace = config.detection().interval().multipliedBy(10);
        SnapshotOnOpen snapshots = new SnapshotOnOpen(new TopProcesses(Path.of("/proc"), names, TopProcesses::selfAndDescendants),
                writer, clock);
        Pipeline pipeline = new Pipeline(factory, tracker, correlator, writer, List.of(new LoggingListener(), events, snapshots), stats,
                grace.compareTo(java.time.Duration.ofMinutes(1)) < 0 ? java.time.Duration.ofMinutes(1) : grace);
        pipeline.resume(SqliteOpenRecords.load(db));
        return pipeline;
    }

    /** Every sample passes the host model on its way to the pipeline; its verdicts join the pipeline's. */
    @Produces
    @Singleton
    HostModelService hostModel(AppConfig config, Pipeline pipeline, SqliteDatabase db, StartSettle settle, OwnWork ownWork) {
        AppConfig.Detection d = config.detection();
        return new HostModelService(d.hostModel().enabled(), pipeline, pipeline, new SqliteModelStore(db), d.interval(),
                d.learningPeriod(), d.hostModel().retrainInterval(), settle.until(), ownWork);
    }

    @Produces
    @Singleton
    NetworkCollector network(AppConfig config, Pipeline pipeline, TrafficClassifier classifier, HostModelService samples) {
        NetworkConfig n = config.collectors().network();
        if (!n.enabled()) {
            return NetworkCollector.switchedOff("collectors.network.enabled=false");
        }
        return NetworkCollector.start(n.interfaces(), name -> captureSettings(n, name, config.detection().interval()),
                name -> new AttackWatch(name, n.attacks(), n.classifier(), new LiveTrafficJudge(classifier), pipeline), samples);
    }

    static CaptureSettings captureSettings(NetworkConfig n, String name, java.time.Duration window) {
        FlowTable.Limits limits = new FlowTable.Limits(n.maxFlows(), n.flowIdleTimeout().toNanos() / 1000,
                n.flowActiveTimeout().toNanos() / 1000);
        return new CaptureSettings(name, n.filter(), n.snaplen(), n.promiscuous(), n.bufferMb() << 20, window, limits);
    }

    @Produces
    @Singleton
    CollectorSet collectors(AppConfig config, NetworkCollector network, Pipeline pipeline, SqliteWriter writer,
                            EventStream events, LateContainerDirectory names) {
        return CollectorWiring.collectors(config, network, pipeline, writer, events, names);
    }

    @Produces
    @Singleton
    LateContainerDirectory containerNames() {
        return new LateContainerDirectory();
    }

}
