package io.anomalyhunter.daemon;

import io.anomalyhunter.alert.AlertService;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.detect.OwnWork;
import io.anomalyhunter.hostmodel.HostModelService;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.queue.Backoff;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.llm.WorkerProcess;
import io.anomalyhunter.queue.QueueWorker;
import io.anomalyhunter.rca.RcaService;
import io.anomalyhunter.rca.ReportJobs;
import io.anomalyhunter.store.SqliteReportStore;
import java.time.Duration;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorSet;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.BuildInfo;
import io.anomalyhunter.config.DurationText;
import io.anomalyhunter.pipeline.Pipeline;
import io.anomalyhunter.store.RetentionJob;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteQueue;
import io.anomalyhunter.store.SqliteWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Runs the daemon's schedule: collection every interval, baseline saves, retention; and a clean stop. */
@Singleton
public class Daemon {
    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
    private static final long BASELINE_SAVE_SECONDS = 60;
    private static final long RETENTION_SECONDS = 3600;
    private static final long RETENTION_RETRY_SECONDS = 30;
    private static final long RETENTION_RETRY_MAX_SECONDS = 600;
    /** Delivered messages are kept this long so a late duplicate of an incident change is still recognised. */
    private static final java.time.Duration QUEUE_DONE_KEPT = java.time.Duration.ofDays(7);

    private final AppConfig config;
    private final CollectorSet collectors;
    private final Pipeline pipeline;
    private final SqliteDatabase db;
    private final SqliteWriter writer;
    private final InstantSource clock;
    private final AlertService alerts;
    private final SqliteQueue queue;
    private final TrafficClassifier classifier;
    private final HostModelService hostModel;
    private final RcaService rca;
    private final SqliteReportStore reports;
    private final QueueCounters counters;
    private final OwnWork ownWork;
    private QueueWorker rcaWorker;
    private Optional<WorkerProcess> modelWorker = Optional.empty();
    private ScheduledExecutorService scheduler;
    private int retentionFailures;

    public Daemon(AppConfig config, CollectorSet collectors, Pipeline pipeline, SqliteDatabase db, SqliteWriter writer,
                  InstantSource clock, AlertService alerts, SqliteQueue queue, TrafficClassifier classifier,
                  HostModelService hostModel, RcaService rca, SqliteReportStore reports, QueueCounters counters,
                  OwnWork ownWork) {
        this.ownWork = ownWork;
        this.hostModel = hostModel;
        this.rca = rca;
        this.reports = reports;
        this.counters = counters;
        this.config = config;
        this.collectors = collectors;
        this.pipeline = pipeline;
        this.db = db;
        this.writer = writer;
        this.clock = clock;
        this.alerts = alerts;
        this.queue = queue;
        this.classifier = classifier;
    }

    void start(@Observes StartupEvent event) {
        StopSignals.install();
        RetentionJob retention = new RetentionJob(db, config.retention().raw(), config.retention().maxAge());
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "daemon-schedule");
            t.setDaemon(true);
            return t;
        });
        long intervalMs = config.detection().interval().toMillis();
        scheduler.scheduleAtFixedRate(this::collectOnce, 0, intervalMs, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::saveBaselines, BASELINE_SAVE_SECONDS, BASELINE_SAVE_SECONDS, TimeUnit.SECONDS);
        scheduler.schedule(() -> runRetention(retention), 10, TimeUnit.SECONDS);
        scheduler.execute(classifier::reload); // off the start: ONNX Runtime and a 3 MB model take a moment
        scheduler.execute(() -> hostModel.load(clock.instant()));
        LOG.info("anomaly-hunter " + BuildInfo.version() + " starting: config " + config.source() + ", database "
                + db.path() + ", interval " + DurationText.format(config.detection().interval()) + ", learning period "
                + DurationText.format(config.detection().learningPeriod()));
        int released = queue.releaseLeases();
        if (released > 0) {
            LOG.info("queue: " + released + " messages held or delayed by the previous run are due again");
        }
        alerts.start();
        // the queue's second consumer: a report for each incident that opens or resolves, stored with it
        AppConfig.Llm llm = config.llm();
        modelWorker = DaemonWiring.modelWorker(llm);
        // A job's lease outlives three agents' answers and a model load, so it is not handed out twice; one job at a
        // time, so that the others are not held for that long behind it.
        Duration lease = Duration.ofMinutes(2).plus(llm.timeout().multipliedBy(4));
        rcaWorker = new QueueWorker(queue, db.queueSignal(), IncidentMessage.RCA_TOPIC,
                new ReportJobs(rca, reports, modelWorker.map(w -> new OwnWorkCompletion(w, ownWork)), llm.attempts(),
                        llm.maxTokens(), clock),
                new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Math.max(5, llm.attempts() + 1)), lease, 1, counters,
                clock).start();
        for (Collector c : collectors.collectors()) {
            LOG.info("collector " + c.state().name() + ": " + c.state().status().name().toLowerCase() + " ("
                    + c.state().detail() + ")");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        collectors.close();
        classifier.close();
        hostModel.close();
        pipeline.drain();
        alerts.close();
        modelWorker.ifPresent(WorkerProcess::close); // first: a job waiting on the model ends now, to be retried
        if (rcaWorker != null) {
            rcaWorker.close();
        }
        writer.close();
        queue.close();
        db.close();
        LOG.info("anomaly-hunter stopped; baselines and open anomalies saved");
    }

    private void collectOnce() {
        // A throw would cancel the schedule for good; collectors report their own failures.
        try {
            for (Collector c : collectors.collectors()) {
                c.collect(clock.instant(), hostModel); // the host model sees every sample on its way to the pipeline
            }
        } catch (RuntimeException e) {
            LOG.severe("collection round failed: " + e);
        }
    }

    private void saveBaselines() {
        try {
            pipeline.saveBaselines();
        } catch (RuntimeException e) {
            LOG.severe("saving baselines failed: " + e);
        }
    }

    /**
     * Hourly; after a failure (a busy or full disk, a long read), again within minutes, so the database does not
     * outgrow its retention for an hour per failure.
     */
    private void runRetention(RetentionJob job) {
        long next = RETENTION_SECONDS;
        try {
            int deleted = job.run(clock.instant()) + queue.purgeDone(QUEUE_DONE_KEPT);
            if (retentionFailures > 0) {
                LOG.info("retention succeeded after " + retentionFailures + " failed attempt(s)");
            }
            retentionFailures = 0;
            if (deleted > 0) {
                LOG.info("retention removed " + deleted + " old rows");
            }
        } catch (RuntimeException e) {
            retentionFailures++;
            next = Math.min(RETENTION_RETRY_MAX_SECONDS, RETENTION_RETRY_SECONDS << Math.min(retentionFailures - 1, 8));
            LOG.warning("retention failed (attempt " + retentionFailures + "), trying again in " + next + " s: "
                    + e.getMessage());
        }
        try {
            scheduler.schedule(() -> runRetention(job), next, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the daemon is stopping
        }
    }
}
