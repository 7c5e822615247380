package io.anomalyhunter.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.ValueRange;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The daemon's own heavy work, marked, is neither learned nor judged by the baselines. */
class OwnWorkTest {
    private static final SeriesKey CPU = SeriesKey.of("host_cpu_percent", "mode", "total");

    @Test
    void aSpanLoadsTheSamplesAfterItsStartUntilAfterItsEnd() {
        AtomicLong now = new AtomicLong(1_000);
        OwnWork work = new OwnWork(() -> Instant.ofEpochMilli(now.get()), Duration.ofSeconds(3), CPU::equals);
        assertFalse(work.loads(CPU, 1_500));
        OwnWork.Span span = work.begin();
        assertFalse(work.loads(CPU, 1_000), "a sample taken at the start covers the interval before it");
        assertTrue(work.loads(CPU, 1_001));
        assertFalse(work.loads(SeriesKey.of("host_tcp_connection_failures_per_second"), 1_001), "a series the work does not move");
        assertTrue(work.loads(CPU, 900_000), "while it runs, every later sample");
        now.set(5_000);
        span.close();
        assertTrue(work.loads(CPU, 8_000));
        assertFalse(work.loads(CPU, 8_001));
        now.set(5_000 + 11 * 60_000);
        assertFalse(work.loads(CPU, 2_000), "ended spans are forgotten after ten minutes");
        long hungFrom = now.get();
        work.begin(); // never closed: work that hangs
        assertTrue(work.loads(CPU, hungFrom + OwnWork.MAX_SPAN_MILLIS));
        assertFalse(work.loads(CPU, hungFrom + OwnWork.MAX_SPAN_MILLIS + 3_001), "a span counts for half an hour at most");
    }

    /**
     * Host CPU at a sample a second, a minute of learning and quiet minutes; then ten seconds of a model training at
     * 40 %; then a burn. Marked, the training is neither an anomaly nor learned, and the burn is flagged at once.
     */
    @Test
    void aMarkedTrainingIsNoAnomalyAndDoesNotWidenTheBand() {
        Result marked = trainingThenBurn(true);
        assertEquals(List.of(), marked.openedDuringTraining(), "the daemon's own training is no anomaly of the host");
        assertTrue(marked.burnFlagged(), "the burn after it is flagged at once");
        Result unmarked = trainingThenBurn(false);
        assertFalse(unmarked.openedDuringTraining().isEmpty(), "unmarked, the training is judged as the host's: " + unmarked);
    }

    private record Result(List<Integer> openedDuringTraining, boolean burnFlagged) {
    }

    private static Result trainingThenBurn(boolean mark) {
        Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
        AtomicLong now = new AtomicLong(t0.toEpochMilli());
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        OwnWork work = mark ? new OwnWork(clock, Duration.ofSeconds(3), CPU::equals) : OwnWork.NONE;
        BaselineDetector baseline = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0,
                Duration.ofSeconds(1), FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC));
        SeriesDetectors detectors = new SeriesDetectors(CPU, baseline, List.of(), work);
        AnomalyTracker tracker = AnomalyTracker.forDetection(new AtomicLong()::incrementAndGet, 0);
        List<AnomalyChange> changes = new ArrayList<>();
        Random r = new Random(21);
        List<Integer> opened = new ArrayList<>();
        OwnWork.Span span = null;
        for (int t = 0; t < 400; t++) {
            now.set(t0.plusSeconds(t).toEpochMilli());
            if (t == 360) {
                span = work.begin();
            }
            if (t == 370) {
                span.close();
            }
            double cpu = t > 360 && t <= 371 ? 40 + r.nextGaussian() * 3 : t >= 390 ? 100 : Math.abs(3 + r.nextGaussian());
            int before = changes.size();
            detectors.judge(t0.plusSeconds(t), cpu, tracker, changes::add);
            for (AnomalyChange c : changes.subList(before, changes.size())) {
                if (c.kind() == AnomalyChange.Kind.OPENED && t < 390) {
                    opened.add(t);
                }
            }
        }
        boolean burnFlagged = tracker.openId(CPU, "baseline").isPresent()
                && changes.stream().anyMatch(c -> c.kind() == AnomalyChange.Kind.OPENED
                && !c.anomaly().start().isBefore(t0.plusSeconds(390)) && !c.anomaly().start().isAfter(t0.plusSeconds(391)));
        return new Result(opened, burnFlagged);
    }
}
