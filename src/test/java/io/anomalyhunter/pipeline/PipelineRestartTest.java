package io.anomalyhunter.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.host.HostMetrics;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.Sensitivity;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.DetectorFactory;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentCorrelator;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.store.AnomalyFilter;
import io.anomalyhunter.store.IncidentFilter;
import io.anomalyhunter.store.SqliteAnomalyQuery;
import io.anomalyhunter.store.SqliteBaselineStore;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteIncidentQuery;
import io.anomalyhunter.store.SqliteOpenRecords;
import io.anomalyhunter.store.SqliteSeriesQuery;
import io.anomalyhunter.store.SqliteWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipeline over a real SQLite file: pinned thresholds, persistence, and a restart that keeps the baselines. */
class PipelineRestartTest {
    private static final SeriesKey CPU = SeriesKey.of(HostMetrics.CPU, "mode", "total");
    private static final SeriesKey LOAD = SeriesKey.of(HostMetrics.LOAD, "period", "1m");
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final AppConfig.Detection DETECTION = new AppConfig.Detection(Duration.ofSeconds(10),
            Sensitivity.MEDIUM, Duration.ofHours(1), 0.5, Duration.ofMinutes(5), AppConfig.HostModel.DEFAULTS);
    private static final List<AppConfig.PinnedThreshold> PINS = List.of(new AppConfig.PinnedThreshold(
            HostMetrics.CPU, Map.of("mode", "total"), OptionalDouble.of(80), OptionalDouble.empty()));

    @TempDir
    Path dir;

    /** A running pipeline on the database, as the daemon wires it. */
    private record Running(SqliteDatabase db, SqliteWriter writer, Pipeline pipeline, List<AnomalyChange> anomalies,
                           List<IncidentChange> incidents) {
        void stop() throws InterruptedException {
            pipeline.drain();
            writer.flush();
            writer.close();
            db.close();
        }
    }

    private Running start() {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"));
        SqliteWriter writer = new SqliteWriter(db, 10_000);
        AtomicLong anomalyIds = new AtomicLong(new SqliteAnomalyQuery(db).maxId());
        AtomicLong incidentIds = new AtomicLong(new SqliteIncidentQuery(db).maxId());
        DetectorFactory factory = new DetectorFactory(DETECTION, PINS, new MetricCatalog(HostMetrics.ALL),
                ZoneOffset.UTC, new SqliteBaselineStore(db).loadAll());
        List<AnomalyChange> anomalies = new ArrayList<>();
        List<IncidentChange> incidents = new ArrayList<>();
        PipelineListener recorder = new PipelineListener() {
            @Override
            public void onAnomaly(AnomalyChange change) {
                anomalies.add(change);
            }

            @Override
            public void onIncident(IncidentChange change) {
                incidents.add(change);
            }
        };
        Pipeline p = new Pipeline(factory, new AnomalyTracker(anomalyIds::incrementAndGet, 0.5, 2),
                new IncidentCorrelator(incidentIds::incrementAndGet, DETECTION.correlationWindow()), writer,
                List.of(recorder), new PipelineStats());
        p.resume(SqliteOpenRecords.load(db));
        return new Running(db, writer, p, anomalies, incidents);
    }

    /** Feeds 10 s samples from {@code fromStep} to {@code toStep}; cpu gets {@code cpuAt} where not null. */
    private static void feed(Pipeline p, Random r, int fromStep, int toStep, java.util.function.IntFunction<Double> cpuAt) {
        for (int i = fromStep; i < toStep; i++) {
            Instant t = T0.plusSeconds(10L * i);
            Double cpu = cpuAt.apply(i);
            p.accept(List.of(new Sample(CPU, t, cpu != null ? cpu : 20 + r.nextGaussian()),
                    new Sample(LOAD, t, 1 + 0.05 * r.nextGaussian())));
        }
    }

    /** A kill -9: what the writer had accepted is on disk, nothing was drained. */
    private static void kill(Running run) throws InterruptedException {
        run.writer().flush();
        run.writer().close();
        run.db().close();
    }

    /** Learns for 400 steps, then from step 400 the CPU jumps to 60 and stays there: an anomaly that lasts. */
    private Running cutOffDuringAnLastingAnomaly(Random r, boolean clean) throws Exception {
        Running first = start();
        feed(first.pipeline(), r, 0, 410, i -> i >= 400 ? 60.0 : null);
        assertEquals(1, open(first).size(), "the jump is open when the daemon stops: " + first.anomalies());
        if (clean) {
            first.stop();
        } else {
            kill(first);
        }
        return first;
    }

    private static List<Anomaly> open(Running run) {
        java.util.Map<Long, Anomaly> last = new java.util.LinkedHashMap<>();
        run.anomalies().forEach(c -> last.put(c.anomaly().id(), c.anomaly()));
        return last.values().stream().filter(Anomaly::open).toList();
    }

    @ParameterizedTest(name = "clean stop: {0}")
    @ValueSource(booleans = {true, false})
    void anAnomalyAStopCutOffThatIsOverAtRestartIsClosedThenAndItsIncidentResolves(boolean clean) throws Exception {
        Random r = new Random(4);
        Running first = cutOffDuringAnLastingAnomaly(r, clean);
        long id = open(first).get(0).id();
        Running second = start();
        feed(second.pipeline(), r, 420, 470, i -> null); // the CPU is back to normal after the restart
        second.stop();
        AnomalyChange closed = second.anomalies().stream().filter(c -> c.anomaly().id() == id).findFirst().orElseThrow();
        assertEquals(AnomalyChange.Kind.CLOSED, closed.kind());
        if (closed.anomaly().reason().endsWith(AnomalyTracker.RESTART_NOTE)) {
            assertEquals(T0.plusSeconds(4090), closed.anomaly().end(), "closed when the first run last observed it");
        } else {
            // The restored baseline still felt the jump in its running views for a few samples: resumed, then over.
            assertTrue(!closed.anomaly().end().isAfter(T0.plusSeconds(4200 + 10 * 5)), closed.toString());
        }
        assertTrue(second.incidents().stream().anyMatch(c -> c.kind() == IncidentChange.Kind.RESOLVED
                && c.incident().anomalyIds().contains(id)), "its incident resolved: " + second.incidents());
        Running third = start();
        assertEquals(0, new SqliteAnomalyQuery(third.db()).open().size());
        third.stop();
    }

    @Test
    void anAnomalyWhoseConditionStillHoldsAfterARestartIsResumedUnderItsId() throws Exception {
        Random r = new Random(5);
        Running first = cutOffDuringAnLastingAnomaly(r, true);
        long id = open(first).get(0).id();
        Running second = start();
        feed(second.pipeline(), r, 412, 415, i -> 60.0);
        feed(second.pipeline(), r, 415, 430, i -> null);
        second.stop();
        assertTrue(second.anomalies().stream().noneMatch(c -> c.kind() == AnomalyChange.Kind.OPENED
                && c.anomaly().series().equals(CPU) && c.anomaly().detector().equals("baseline")),
                "no new anomaly for the same condition: " + second.anomalies());
        AnomalyChange closed = second.anomalies().stream().filter(c -> c.anomaly().id() == id
                && c.kind() == AnomalyChange.Kind.CLOSED).findFirst().orElseThrow();
        assertTrue(!closed.anomaly().reason().contains("restart"), closed.anomaly().reason());
        assertTrue(!closed.anomaly().end().isBefore(T0.plusSeconds(4140)), "it lasted into the second run: " + closed);
    }

    @Test
    void anAnomalyOfASeriesThatNeverComesBackIsClosedAfterTheGrace() throws Exception {
        Random r = new Random(6);
        Running first = cutOffDuringAnLastingAnomaly(r, false);
        long id = open(first).get(0).id();
        Running second = start();
        for (int i = 420; i < 440; i++) { // only the load series is collected now
            second.pipeline().accept(List.of(new Sample(LOAD, T0.plusSeconds(10L * i), 1 + 0.05 * r.nextGaussian())));
        }
        second.stop();
        AnomalyChange closed = second.anomalies().stream().filter(c -> c.anomaly().id() == id).findFirst().orElseThrow();
        assertTrue(closed.anomaly().reason().endsWith(AnomalyTracker.RESTART_NOTE), closed.anomaly().reason());
    }

    /** The series with a baseline: all but the anomaly rate, which the pipeline makes from the others. */
    private static java.util.stream.Stream<SeriesSnapshot> watched(Pipeline p) {
        return p.latest().stream().filter(s -> !s.series().metric().equals(PipelineMetrics.ANOMALY_RATE));
    }

    @Test
    void aSeriesOfTheHostsAnomalyRateFollowsTheOpenAnomalies() throws Exception {
        Running run = start();
        Random r = new Random(3);
        feed(run.pipeline(), r, 0, 400, i -> null);
        feed(run.pipeline(), r, 400, 402, i -> 95.0);
        double during = rate(run.pipeline());
        feed(run.pipeline(), r, 402, 420, i -> null);
        double after = rate(run.pipeline());
        run.stop();
        assertEquals(50.0, during, 1e-9, "one of the two watched series (cpu, load) has an anomaly open");
        assertEquals(0.0, after, 1e-9);
    }

    private static double rate(Pipeline p) {
        return p.latest().stream().filter(s -> s.series().metric().equals(PipelineMetrics.ANOMALY_RATE)).findFirst()
                .orElseThrow().value();
    }

    @Test
    void pinnedThresholdFiresDuringLearningWhileTheBaselineStaysSilent() throws Exception {
        Running run = start();
        feed(run.pipeline(), new Random(1), 0, 100, i -> i >= 50 && i < 53 ? 90.0 : null);
        run.stop();
        List<String> detectors = run.anomalies().stream().map(c -> c.anomaly().detector()).distinct().toList();
        assertEquals(List.of("threshold"), detectors, "only the pin may fire while learning");
        assertTrue(run.incidents().stream().anyMatch(c -> c.kind() == IncidentChange.Kind.OPENED));
    }

    @Test
    void restartKeepsBaselinesAnomaliesAndSeries() throws Exception {
        Random r = new Random(2);
        Running first = start();
        feed(first.pipeline(), r, 0, 400, i -> null); // 400 x 10 s > 1 h learning period
        assertTrue(watched(first.pipeline()).allMatch(SeriesSnapshot::baselineReady));
        feed(first.pipeline(), r, 400, 410, i -> i == 405 ? 60.0 : null);
        first.stop();
        assertEquals(1, first.anomalies().stream().filter(c -> c.kind() == AnomalyChange.Kind.OPENED).count());

        Running second = start();
        feed(second.pipeline(), r, 410, 412, i -> null);
        assertTrue(watched(second.pipeline()).allMatch(SeriesSnapshot::baselineReady),
                "restored baselines need no new learning period");
        feed(second.pipeline(), r, 412, 430, i -> i == 415 ? 60.0 : null);
        second.stop();
        List<Anomaly> opened = second.anomalies().stream().filter(c -> c.kind() == AnomalyChange.Kind.OPENED)
                .map(AnomalyChange::anomaly).toList();
        assertEquals(1, opened.size(), "the spike after restart is detected");
        assertEquals(2, opened.get(0).id(), "ids continue across restarts");

        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"))) {
            List<Anomaly> stored = new SqliteAnomalyQuery(db).find(new AnomalyFilter(null, null, null, 0, 100, 0));
            assertEquals(2, stored.size());
            assertTrue(stored.stream().noneMatch(Anomaly::open), "both spikes ended: " + stored);
            // The second spike started within the correlation window of the first: the incident, resumed across
            // the restart, takes it.
            assertEquals(1, new SqliteIncidentQuery(db).find(new IncidentFilter(null, null, false, 10, 0)).size());
            var raw = new SqliteSeriesQuery(db).range(CPU, T0, T0.plusSeconds(4290), Duration.ofSeconds(10));
            assertEquals(430, raw.size(), "every raw sample was written");
            var rolled = new SqliteSeriesQuery(db).range(CPU, T0, T0.plusSeconds(4290), Duration.ofMinutes(1));
            assertEquals(72, rolled.size(), "one rollup a minute");
            assertEquals(6 * 20.0, rolled.get(3).mean() * 6, 6 * 3.0);
        }
    }
}
