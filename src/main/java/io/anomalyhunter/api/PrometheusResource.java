package io.anomalyhunter.api;

import io.anomalyhunter.collect.CollectorSet;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.http.ConnectionGuards;
import io.anomalyhunter.http.ConnectionTable;
import io.anomalyhunter.pipeline.LiveView;
import io.anomalyhunter.pipeline.PipelineStats;
import io.anomalyhunter.pipeline.SeriesSnapshot;
import io.anomalyhunter.queue.QueueAdmin;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.queue.QueueStats;
import io.anomalyhunter.store.StoreHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** GET /metrics: the daemon's own counters and the latest host metrics, in the Prometheus text format. */
@Path("/metrics")
public class PrometheusResource {
    private final PipelineStats stats;
    private final StoreHealth writer;
    private final LiveView live;
    private final MetricCatalog catalog;
    private final CollectorSet collectors;
    private final QueueAdmin queue;
    private final QueueCounters counters;
    private final ConnectionGuards guards;

    public PrometheusResource(PipelineStats stats, StoreHealth writer, LiveView live, MetricCatalog catalog,
                              CollectorSet collectors, QueueAdmin queue, QueueCounters counters,
                              ConnectionGuards guards) {
        this.guards = guards;
        this.stats = stats;
        this.writer = writer;
        this.live = live;
        this.catalog = catalog;
        this.collectors = collectors;
        this.queue = queue;
        this.counters = counters;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape() {
        StringBuilder out = new StringBuilder(16_384);
        own(out, "anomaly_hunter_samples_ingested_total", "counter", "Samples taken in by the pipeline",
                stats.samplesIngested());
        own(out, "anomaly_hunter_anomalies_total", "counter", "Anomalies opened", stats.anomaliesOpened());
        own(out, "anomaly_hunter_incidents_total", "counter", "Incidents opened", stats.incidentsOpened());
        own(out, "anomaly_hunter_detector_seconds_total", "counter", "Time spent in detectors and correlation",
                stats.detectorNanos() / 1e9);
        own(out, "anomaly_hunter_store_dropped_samples_total", "counter",
                "Raw samples dropped because the database writer fell behind or the disk is short of space",
                writer.droppedSamples());
        own(out, "anomaly_hunter_store_dropped_rollups_total", "counter",
                "1-minute rollups dropped while the disk was short of space or failing", writer.droppedRollups());
        own(out, "anomaly_hunter_store_degraded", "gauge",
                "1 while the store sheds data (failing writes or free space below storage.min_free)",
                writer.degradation().isPresent() ? 1 : 0);
        own(out, "anomaly_hunter_store_write_failures_total", "counter", "Database transactions that failed",
                writer.failures());
        own(out, "anomaly_hunter_store_pending_writes", "gauge", "Writes waiting for the database", writer.pending());
        out.append("# HELP anomaly_hunter_collector_up 1 when the collector runs\n");
        out.append("# TYPE anomaly_hunter_collector_up gauge\n");
        for (CollectorState s : collectors.states()) {
            out.append("anomaly_hunter_collector_up{collector=\"").append(s.name()).append("\"} ")
                    .append(s.status() == CollectorState.Status.RUNNING ? 1 : 0).append('\n');
        }
        queueFigures(out);
        httpFigures(out);
        List<SeriesSnapshot> latest = new ArrayList<>(live.latest());
        latest.sort(Comparator.comparing((SeriesSnapshot s) -> s.series().metric()).thenComparing(s -> s.series().text()));
        String metric = null;
        for (SeriesSnapshot s : latest) {
            if (!s.series().metric().equals(metric)) {
                metric = s.series().metric();
                String help = catalog.find(metric).map(MetricDescriptor::help).orElse(metric);
                out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
                out.append("# TYPE ").append(metric).append(" gauge\n");
            }
            out.append(s.series().text()).append(' ').append(format(s.value())).append('\n');
        }
        return out.toString();
    }

    /** The connection guard's figures: what is open, and what it closed and why. */
    private void httpFigures(StringBuilder out) {
        own(out, "anomaly_hunter_http_connections_open", "gauge", "HTTP connections open now", guards.open());
        out.append("# HELP anomaly_hunter_http_connections_closed_total HTTP connections the daemon closed, by reason\n");
        out.append("# TYPE anomaly_hunter_http_connections_closed_total counter\n");
        for (ConnectionTable.Reason r : ConnectionTable.Reason.values()) {
            out.append("anomaly_hunter_http_connections_closed_total{reason=\"").append(r.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(guards.closed(r)).append('\n');
        }
    }

    /** Depth, oldest age and dead letters per topic from the table; delivery counts since start. */
    private void queueFigures(StringBuilder out) {
        List<QueueStats> stats = queue.stats();
        labelled(out, "anomaly_hunter_queue_depth", "gauge", "Messages waiting (ready or leased) per topic", stats,
                s -> (double) s.waiting());
        labelled(out, "anomaly_hunter_queue_oldest_age_seconds", "gauge", "Age of the oldest waiting message", stats,
                s -> s.oldestWaitingAgeMs() / 1000.0);
        labelled(out, "anomaly_hunter_queue_dead", "gauge", "Dead letters per topic", stats, s -> (double) s.dead());
        for (QueueCounters.Kind k : QueueCounters.Kind.values()) {
            String name = "anomaly_hunter_queue_" + k.name().toLowerCase() + "_total";
            labelled(out, name, "counter", "Messages " + k.name().toLowerCase() + " since start", stats,
                    s -> (double) counters.get(s.topic(), k));
        }
    }

    private static void labelled(StringBuilder out, String name, String type, String help, List<QueueStats> stats,
                                 java.util.function.ToDoubleFunction<QueueStats> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (QueueStats s : stats) {
            out.append(name).append("{topic=\"").append(s.topic().replace("\"", "'")).append("\"} ")
                    .append(format(value.applyAsDouble(s))).append('\n');
        }
    }

    private static void own(StringBuilder out, String name, String type, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ').append(format(value)).append('\n');
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
