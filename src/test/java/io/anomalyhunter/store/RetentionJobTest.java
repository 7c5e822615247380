package io.anomalyhunter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.series.Rollup;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {
    private static final SeriesKey KEY = SeriesKey.of("host_processes");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void deletesRawAfterRawRetentionAndTheRestAfterMaxAge() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("ah.db"))) {
            SqliteWriter w = new SqliteWriter(db, 1000);
            List<Sample> samples = new ArrayList<>();
            List<Rollup> rollups = new ArrayList<>();
            for (int h = 0; h < 100; h++) { // one sample and one rollup an hour, 100 hours back
                Instant t = NOW.minus(Duration.ofHours(h));
                samples.add(new Sample(KEY, t, h));
                rollups.add(new Rollup(KEY, t, h, h, h, 1));
            }
            w.submit(new StoreWrite.Samples(samples));
            w.submit(new StoreWrite.Rollups(rollups));
            w.submit(new StoreWrite.AnomalyRow(new Anomaly(1, KEY, "baseline", NOW.minus(Duration.ofHours(90)),
                    NOW.minus(Duration.ofHours(89)), 1, NOW.minus(Duration.ofHours(90)), 0, 1, 0.9, 0.9, "x")));
            w.submit(new StoreWrite.AnomalyRow(new Anomaly(2, KEY, "baseline", NOW.minus(Duration.ofHours(2)),
                    null, 1, NOW.minus(Duration.ofHours(2)), 0, 1, 0.9, 0.9, "x")));
            w.flush();
            w.close();

            new RetentionJob(db, Duration.ofHours(48), Duration.ofHours(72)).run(NOW);

            SqliteSeriesQuery q = new SqliteSeriesQuery(db);
            Instant from = NOW.minus(Duration.ofDays(10));
            assertEquals(49, q.range(KEY, from, NOW, Duration.ofSeconds(1)).size(), "raw: hours 0..48");
            assertEquals(73, q.range(KEY, from, NOW, Duration.ofMinutes(1)).size(), "rollups: hours 0..72");
            List<Anomaly> left = new SqliteAnomalyQuery(db).find(new AnomalyFilter(null, null, null, 0, 10, 0));
            assertEquals(List.of(2L), left.stream().map(Anomaly::id).toList(), "the old closed anomaly is gone");
        }
    }

    /** The writer commits all the while (as the daemon's does): retention waits its turn and never fails. */
    @Test
    void runsBesideABusyWriterWithoutFailing() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("busy.db"))) {
            SqliteWriter w = new SqliteWriter(db, 100_000);
            List<SeriesKey> keys = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                keys.add(SeriesKey.of("m" + k));
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread load = new Thread(() -> {
                long t = NOW.minus(Duration.ofDays(5)).toEpochMilli();
                while (!stop.get()) {
                    List<Sample> batch = new ArrayList<>();
                    for (SeriesKey k : keys) {
                        batch.add(new Sample(k, Instant.ofEpochMilli(t), 1));
                    }
                    t += 1000;
                    w.submit(new StoreWrite.Samples(batch));
                    try {
                        w.flush();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            load.start();
            try {
                Thread.sleep(300);
                for (int run = 0; run < 9; run++) {
                    new RetentionJob(db, Duration.ofHours(48), Duration.ofHours(72)).run(NOW);
                }
            } finally {
                stop.set(true);
                load.join();
                w.close();
            }
            assertEquals(0, w.failures(), "the writer saw no failure either");
        }
    }
}
