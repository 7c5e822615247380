package io.anomalyhunter.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AnomalyTrackerTest {
    private static final SeriesKey CPU = SeriesKey.of("host_cpu_percent", "mode", "total");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Verdict NORMAL = Verdict.normal(0.1, 0.9, 0, 10);

    private static Verdict flagged(double score, double confidence) {
        return new Verdict(true, score, confidence, 0, 10, "above expected");
    }

    private final AtomicLong ids = new AtomicLong();
    private final AnomalyTracker tracker = new AnomalyTracker(ids::incrementAndGet, 0.5, 2);

    private List<AnomalyChange> feed(Verdict... verdicts) {
        List<AnomalyChange> out = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            tracker.observe(CPU, "baseline", T0.plusSeconds(i), 50 + i, verdicts[i]).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void consecutiveFlagsAreOneAnomalyThatClosesAfterQuietSamples() {
        List<AnomalyChange> changes = feed(NORMAL, flagged(0.8, 0.9), flagged(0.82, 0.9), NORMAL, flagged(0.81, 0.9),
                NORMAL, NORMAL, NORMAL);
        assertEquals(List.of(AnomalyChange.Kind.OPENED, AnomalyChange.Kind.CLOSED),
                changes.stream().map(AnomalyChange::kind).toList());
        Anomaly closed = changes.get(1).anomaly();
        assertEquals(T0.plusSeconds(1), closed.start());
        assertEquals(T0.plusSeconds(4), closed.end(), "ends at the last anomalous sample");
        assertEquals(0.82, closed.score());
        assertEquals(52, closed.peakValue());
        assertEquals(1, closed.id());
    }

    @Test
    void reportsAGrowingPeakOnlyInSteps() {
        List<AnomalyChange> changes = feed(flagged(0.5, 0.9), flagged(0.52, 0.9), flagged(0.6, 0.9), flagged(0.61, 0.9));
        assertEquals(List.of(AnomalyChange.Kind.OPENED, AnomalyChange.Kind.PEAKED),
                changes.stream().map(AnomalyChange::kind).toList());
        assertEquals(0.6, changes.get(1).anomaly().score());
    }

    @Test
    void ignoresVerdictsUnderMinConfidence() {
        assertTrue(feed(flagged(0.99, 0.3), flagged(0.99, 0.49)).isEmpty());
    }

    @Test
    void closeAllClosesWhatIsOpen() {
        feed(flagged(0.9, 0.9));
        List<AnomalyChange> closed = tracker.closeAll();
        assertEquals(1, closed.size());
        assertEquals(T0, closed.get(0).anomaly().end());
        assertEquals(0, tracker.openCount());
    }

    @Test
    void aSettlingVerdictClosesAtOnceAndTheNextFlagOpensANewAnomaly() {
        Verdict settled = Verdict.settled(0.1, 0.9, 0, 10, "back within expected");
        List<AnomalyChange> changes = feed(flagged(0.8, 0.9), flagged(0.8, 0.9), settled, flagged(0.7, 0.9));
        assertEquals(List.of(AnomalyChange.Kind.OPENED, AnomalyChange.Kind.CLOSED, AnomalyChange.Kind.OPENED),
                changes.stream().map(AnomalyChange::kind).toList());
        assertEquals(T0.plusSeconds(1), changes.get(1).anomaly().end());
        assertTrue(changes.get(2).anomaly().id() > changes.get(0).anomaly().id());
        assertEquals(changes.get(2).anomaly().id(), tracker.openId(CPU, "baseline").orElseThrow());
    }
}
