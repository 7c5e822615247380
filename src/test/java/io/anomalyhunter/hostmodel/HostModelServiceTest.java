package io.anomalyhunter.hostmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteModelStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host model in a real SQLite file with real ONNX Runtime sessions, fed a synthetic host whose CPU, load and
 * traffic rise and fall together: it learns, stores a version, scores normal intervals as normal and an interval
 * that breaks the relation (every series inside its range) as anomalous, naming what moved; a restart scores with
 * the stored version; a retraining stores the next.
 */
class HostModelServiceTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final SeriesKey CPU = SeriesKey.of("host_cpu_percent");
    private static final SeriesKey LOAD = SeriesKey.of("host_load1");
    private static final SeriesKey NET = SeriesKey.of("net_bytes_per_second", "interface", "eth0", "direction", "in");
    private static final SeriesKey DISK = SeriesKey.of("host_disk_used_percent", "mount", "/");

    @TempDir
    Path dir;

    private record Judged(Instant time, double value, Verdict verdict) {
    }

    /** One interval of the synthetic host: activity a in [0,1] drives CPU, load and traffic together. */
    private static List<Sample> interval(int i, double a, Random r) {
        Instant t = START.plus(INTERVAL.multipliedBy(i));
        return List.of(new Sample(CPU, t, 5 + 80 * a + r.nextGaussian()), new Sample(LOAD, t, 0.2 + 3 * a + 0.05 * r.nextGaussian()),
                new Sample(NET, t, 1e4 + 9e5 * a + 5e3 * r.nextGaussian()), new Sample(DISK, t, 40 + 0.001 * i + 0.01 * r.nextGaussian()));
    }

    private static double activity(int i) {
        return 0.5 + 0.45 * Math.sin(i / 60.0);
    }

    private static HostModelService service(SqliteDatabase db, List<Judged> out, Duration retrain) {
        return new HostModelService(true, batch -> { }, (series, detector, time, value, v) -> {
            assertEquals(HostModelMetrics.SERIES, series);
            assertEquals(HostModelService.DETECTOR, detector);
            out.add(new Judged(time, value, v));
        }, new SqliteModelStore(db), INTERVAL, Duration.ofHours(1), retrain);
    }

    private static void awaitVersion(HostModelService s, int version) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (s.status().version().map(v -> v.version() >= version).orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no version " + version + " in time: " + s.status());
    }

    @Test
    void learnsStoresScoresExplainsAndResumes() throws Exception {
        Random r = new Random(1);
        List<Judged> judged = new ArrayList<>();
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"))) {
            int i = 0;
            try (HostModelService s = service(db, judged, Duration.ofDays(1))) {
                s.load(START);
                for (; i < 400; i++) { // an hour of learning (360 intervals), then the first training
                    s.accept(interval(i, activity(i), r));
                }
                awaitVersion(s, 1);
                assertEquals(3, s.status().features(), "the filling disk is a trend, not a feature: " + s.status());
                for (; i < 1400; i++) { // normal intervals after training: quiet
                    s.accept(interval(i, activity(i), r));
                }
                List<Judged> scored = judged.stream().filter(j -> j.time().isAfter(START.plus(INTERVAL.multipliedBy(420)))).toList();
                long alarms = scored.stream().filter(j -> j.verdict().anomalous()).count();
                assertTrue(scored.size() > 900, "scored " + scored.size());
                assertTrue(alarms <= scored.size() / 100, alarms + " of " + scored.size() + " normal intervals anomalous");

                // CPU busy, traffic idle: each inside its range, together never seen; one such interval is noise,
                // two in a row an anomaly
                judged.clear();
                Instant t = START.plus(INTERVAL.multipliedBy(i));
                for (int k = 0; k < 2; k++, i++) {
                    Instant at = START.plus(INTERVAL.multipliedBy(i));
                    s.accept(List.of(new Sample(CPU, at, 80), new Sample(LOAD, at, 3.0), new Sample(NET, at, 2e4),
                            new Sample(DISK, at, 40.5)));
                }
                s.accept(interval(i, activity(i), r)); // closes the second odd interval
                i++;
                // a window is judged when the next one begins, at its end
                Judged first = judged.stream().filter(j -> j.time().equals(t.plus(INTERVAL))).findFirst().orElseThrow();
                assertFalse(first.verdict().anomalous(), "one odd interval alone: " + first.verdict());
                Instant oddEnd = t.plus(INTERVAL.multipliedBy(2));
                Judged odd = judged.stream().filter(j -> j.time().equals(oddEnd)).findFirst().orElseThrow();
                assertTrue(odd.verdict().anomalous(), "score " + odd.value() + " " + odd.verdict());
                assertTrue(odd.verdict().reason().contains("net_bytes_per_second"), odd.verdict().reason());
                assertTrue(odd.verdict().reason().startsWith("moved most: ")
                && odd.verdict().reason().contains("isolation forest v1 scored "), odd.verdict().reason());
            }
            assertEquals(1, new SqliteModelStore(db).versions(HostModelService.NAME).size());

            // a restart scores with the stored version at once, and retrains on schedule
            judged.clear();
            try (HostModelService again = service(db, judged, Duration.ofMinutes(30))) {
                again.load(START.plus(INTERVAL.multipliedBy(i)));
                assertEquals(1, again.status().version().orElseThrow().version());
                for (int k = 0; k < 420; k++, i++) { // the retraining waits for a learning period of new intervals
                    again.accept(interval(i, activity(i), r));
                }
                assertFalse(judged.isEmpty(), "scored without learning again");
                awaitVersion(again, 2); // v1 was trained 1,400 intervals ago: older than the 30 min retraining interval
                assertTrue(again.status().lastTraining().startsWith("v2 on 36"), again.status().lastTraining());
            }
            assertEquals(List.of(2, 1), new SqliteModelStore(db).versions(HostModelService.NAME).stream()
                    .map(io.anomalyhunter.store.ModelVersion::version).toList());
        }
    }

    /** A training is the daemon's own work: the baselines do not see the host's samples while it runs. */
    @Test
    void aTrainingIsMarkedAsTheDaemonsOwnWork() throws Exception {
        Random r = new Random(4);
        io.anomalyhunter.detect.OwnWork work = new io.anomalyhunter.detect.OwnWork(java.time.InstantSource.system(),
                Duration.ofSeconds(3), series -> true);
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"));
             HostModelService s = new HostModelService(true, batch -> { }, (series, detector, time, value, v) -> { },
                     new SqliteModelStore(db), INTERVAL, Duration.ofHours(1), Duration.ofDays(1), Instant.MIN, work)) {
            s.load(START);
            long before = System.currentTimeMillis();
            assertFalse(work.loads(io.anomalyhunter.series.SeriesKey.of("host_cpu_percent"), before));
            for (int i = 0; i < 400; i++) {
                s.accept(interval(i, activity(i), r));
            }
            awaitVersion(s, 1);
            assertTrue(work.loads(io.anomalyhunter.series.SeriesKey.of("host_cpu_percent"), System.currentTimeMillis()), "a sample just after the training still shows it");
        }
    }

    /** The daemon's start is not learned: intervals ending before the settle time stay out of the training buffer. */
    @Test
    void intervalsOfTheDaemonsStartAreNotLearned() throws Exception {
        Random r = new Random(3);
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"));
             HostModelService s = new HostModelService(true, batch -> { }, (series, detector, time, value, v) -> { },
                     new SqliteModelStore(db), INTERVAL, Duration.ofHours(1), Duration.ofDays(1), START.plus(INTERVAL.multipliedBy(6)),
                     io.anomalyhunter.detect.OwnWork.NONE)) {
            s.load(START);
            for (int i = 0; i < 11; i++) { // the 11th opens the window that closes the 10th
                s.accept(interval(i, activity(i), r));
            }
            // windows end at 1..10 intervals; those ending at 6 and after are kept
            assertEquals(5, s.status().intervalsBuffered(), s.status().toString());
        }
    }

    @Test
    void aDamagedStoredVersionIsRefusedAndTheModelLearnsAgain() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"))) {
            SqliteModelStore store = new SqliteModelStore(db);
            store.save(HostModelService.NAME, START, "0".repeat(64), "{}", new byte[] {1, 2, 3});
            try (HostModelService s = service(db, new ArrayList<>(), Duration.ofDays(1))) {
                s.load(START);
                assertTrue(s.status().version().isEmpty(), "the damaged version is not in service");
            }
        }
    }

    @Test
    void tooFewSeriesGiveNoModelAndSaySo() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"));
             HostModelService s = service(db, new ArrayList<>(), Duration.ofDays(1))) {
            for (int i = 0; i < 400; i++) {
                s.accept(List.of(new Sample(CPU, START.plus(INTERVAL.multipliedBy(i)), i % 7)));
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!s.status().lastTraining().startsWith("not trained") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.status().lastTraining().contains("at least 3 are needed"), s.status().toString());
            assertTrue(s.status().version().isEmpty());
        }
    }
}
