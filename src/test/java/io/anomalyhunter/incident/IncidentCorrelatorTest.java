package io.anomalyhunter.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong ids = new AtomicLong(100);
    private final IncidentCorrelator correlator = new IncidentCorrelator(ids::incrementAndGet, Duration.ofMinutes(5));

    private static Anomaly anomaly(long id, String metric, int startMin, Integer endMin, double score) {
        return new Anomaly(id, SeriesKey.of(metric), "baseline", T0.plusSeconds(startMin * 60L),
                endMin == null ? null : T0.plusSeconds(endMin * 60L), 1, T0.plusSeconds(startMin * 60L), 0, 0.5, score,
                0.9, "above expected");
    }

    private IncidentChange open(Anomaly a) {
        return correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.OPENED, a)).orElseThrow();
    }

    @Test
    void anomaliesWithinTheWindowShareOneIncident() {
        IncidentChange first = open(anomaly(1, "cpu", 0, null, 0.8));
        assertEquals(IncidentChange.Kind.OPENED, first.kind());
        assertEquals(101, first.incident().id());
        correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.CLOSED, anomaly(1, "cpu", 0, 2, 0.8)));
        IncidentChange second = open(anomaly(2, "load", 6, null, 0.97));
        assertEquals(IncidentChange.Kind.UPDATED, second.kind(), "starts 4 min after the first ended");
        assertEquals(2, second.incident().anomalyIds().size());
        assertEquals(Severity.CRITICAL, second.incident().severity());
        assertTrue(second.incident().title().startsWith("load"), second.incident().title());
    }

    @Test
    void resolvesAWindowAfterTheLastEndAndThenStartsANewIncident() {
        open(anomaly(1, "cpu", 0, null, 0.8));
        correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.CLOSED, anomaly(1, "cpu", 0, 2, 0.8)));
        assertTrue(correlator.tick(T0.plusSeconds(6 * 60)).isEmpty(), "window not over yet");
        IncidentChange resolved = correlator.tick(T0.plusSeconds(7 * 60)).orElseThrow();
        assertEquals(IncidentChange.Kind.RESOLVED, resolved.kind());
        assertEquals(T0.plusSeconds(120), resolved.incident().end());
        assertEquals(Severity.WARNING, resolved.incident().severity());
        IncidentChange next = open(anomaly(2, "cpu", 8, null, 0.8));
        assertEquals(IncidentChange.Kind.OPENED, next.kind());
        assertEquals(102, next.incident().id());
    }

    @Test
    void anOpenAnomalyKeepsItsIncidentOpen() {
        open(anomaly(1, "cpu", 0, null, 0.8));
        assertTrue(correlator.tick(T0.plusSeconds(3600)).isEmpty());
    }
}
