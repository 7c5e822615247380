package io.anomalyhunter.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentCorrelatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong ids = new AtomicLong(100);
    private final IncidentCorrelator correlator = new IncidentCorrelator(ids::incrementAndGet, Duration.ofMinutes(5));

    private static Anomaly anomaly(long id, SeriesKey series, int startMin, Integer endMin, double score, String reason) {
        return new Anomaly(id, series, "baseline", T0.plusSeconds(startMin * 60L),
                endMin == null ? null : T0.plusSeconds(endMin * 60L), 1, T0.plusSeconds(startMin * 60L), 0, 0.5, score,
                0.9, reason);
    }

    private static Anomaly anomaly(long id, String metric, int startMin, Integer endMin, double score) {
        return anomaly(id, SeriesKey.of(metric), startMin, endMin, score, "above expected");
    }

    private IncidentChange open(Anomaly a) {
        return correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.OPENED, a)).orElseThrow();
    }

    private void close(Anomaly a) {
        correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.CLOSED, a));
    }

    @Test
    void anomaliesStartingWithinTheWindowOfTheIncidentStartShareItAndTheTitleStays() {
        IncidentChange first = open(anomaly(1, "host_cpu_percent", 0, null, 0.6));
        assertEquals(IncidentChange.Kind.OPENED, first.kind());
        assertEquals(101, first.incident().id());
        assertEquals("host_cpu_percent above expected", first.incident().title());
        IncidentChange second = open(anomaly(2, "host_load_average", 4, null, 0.97));
        assertEquals(IncidentChange.Kind.UPDATED, second.kind(), "starts 4 min after the incident");
        assertEquals(List.of(1L, 2L), second.incident().anomalyIds());
        assertEquals(first.incident().title(), second.incident().title(), "the title is set once, at opening");
        assertEquals(Severity.CRITICAL, second.incident().severity());
    }

    @Test
    void anAnomalyStartingLaterOpensANewIncidentEvenWhileTheOldOneIsOpen() {
        open(anomaly(1, "host_cpu_percent", 0, null, 0.8));
        open(anomaly(2, "host_disk_read_bytes_per_second", 3, null, 0.6));
        IncidentChange later = open(anomaly(3, "host_memory_used_bytes", 6, null, 0.7));
        assertEquals(IncidentChange.Kind.OPENED, later.kind(), "6 min after the first incident began");
        assertEquals(102, later.incident().id());
        assertEquals(2, correlator.openCount());
        IncidentChange update = correlator.onAnomaly(new AnomalyChange(AnomalyChange.Kind.PEAKED,
                anomaly(2, "host_disk_read_bytes_per_second", 3, null, 0.65))).orElseThrow();
        assertEquals(101, update.incident().id(), "a member's change updates its own incident");
    }

    @Test
    void resolvesOnceItsAnomaliesEndedAndItsWindowPassed() {
        Anomaly a = anomaly(1, "host_cpu_percent", 0, null, 0.8);
        open(a);
        close(anomaly(1, "host_cpu_percent", 0, 2, 0.8));
        assertTrue(correlator.tick(T0.plusSeconds(4 * 60)).isEmpty(), "another anomaly could still join");
        List<IncidentChange> resolved = correlator.tick(T0.plusSeconds(5 * 60));
        assertEquals(1, resolved.size());
        assertEquals(IncidentChange.Kind.RESOLVED, resolved.get(0).kind());
        assertEquals(T0.plusSeconds(120), resolved.get(0).incident().end());
        assertEquals(Severity.WARNING, resolved.get(0).incident().severity());
        IncidentChange next = open(anomaly(2, "host_cpu_percent", 8, null, 0.8));
        assertEquals(IncidentChange.Kind.OPENED, next.kind());
        assertEquals(102, next.incident().id());
    }

    @Test
    void anOpenAnomalyKeepsItsIncidentOpen() {
        open(anomaly(1, "host_cpu_percent", 0, null, 0.8));
        assertTrue(correlator.tick(T0.plusSeconds(3600)).isEmpty());
    }

    @Test
    void aNetworkAttackIsTitledByAttackSourceAndTarget() {
        SeriesKey scan = SeriesKey.of("net_attack", "interface", "eth0", "kind", "port_scan", "source", "10.0.0.5",
                "target", "10.0.0.9");
        IncidentChange c = open(anomaly(1, scan, 0, null, 0.9, "port scan: 10.0.0.5 probed 1000 ports of 10.0.0.9 "
                + "(998 refused, 2 open) in 3 s; evidence ..."));
        assertEquals("port scan from 10.0.0.5 to 10.0.0.9", c.incident().title());
    }

    @Test
    void aHostModelAnomalyIsTitledByTheSeriesThatMovedMost() {
        SeriesKey model = SeriesKey.of("host_model_score", "model", "isolation_forest");
        IncidentChange c = open(anomaly(1, model, 0, null, 0.9, "moved most: host_cpu_percent{mode=\"total\"} 100 "
                + "(baseline 3.10 ± 1.20, +80.1σ); host_load1 2.1 (baseline 0.3 ± 0.1, +18.0σ); isolation forest v1 "
                + "scored 0.63 (threshold 0.77), 2.3× the training envelope (limit 2.0)"));
        assertTrue(c.incident().title().startsWith("unusual host state: moved most: host_cpu_percent{mode=\"total\"} 100"),
                c.incident().title());
        assertTrue(c.incident().title().length() <= 120, c.incident().title());
    }

    @ParameterizedTest(name = "score {0}, {1} series -> {2}")
    @CsvSource({"0.55, 1, INFO", "0.62, 1, WARNING", "0.55, 3, WARNING", "0.8, 2, WARNING", "0.8, 3, CRITICAL",
            "0.92, 1, CRITICAL", "0.55, 10, CRITICAL"})
    void severityComesFromScoreAndBreadth(double score, int series, Severity expected) {
        assertEquals(expected, Severity.of(score, series));
    }
}
