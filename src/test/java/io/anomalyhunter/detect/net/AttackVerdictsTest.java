package io.anomalyhunter.detect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttackVerdictsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** One verdict as the sink received it. */
    private record Heard(SeriesKey series, String detector, Instant time, double value, Verdict verdict) {
    }

    private final List<Heard> heard = new ArrayList<>();
    private final AttackVerdicts verdicts = new AttackVerdicts("eth0", Duration.ofSeconds(10),
            (series, detector, time, value, v) -> heard.add(new Heard(series, detector, time, value, v)));

    private static Finding scan(Instant last, long packets) {
        return new Finding(Finding.Kind.PORT_SCAN, 0.9, List.of("10.0.0.9"), 1, "10.0.0.1", List.of(22, 23), packets,
                T0, last, "vertical scan");
    }

    private List<Heard> update(Instant now, List<Finding> findings) {
        heard.clear();
        verdicts.update(now, findings);
        return List.copyOf(heard);
    }

    @Test
    void anAttackIsAnomalousWhileItLastsAndOneVerdictSettlesItWhenQuiet() {
        List<Heard> first = update(T0.plusSeconds(1), List.of(scan(T0.plusSeconds(1), 40)));
        assertEquals(1, first.size());
        Heard a = first.get(0);
        assertTrue(a.verdict().anomalous());
        assertEquals("net_attack{interface=\"eth0\",kind=\"port_scan\",source=\"10.0.0.9\",target=\"10.0.0.1\"}",
                a.series().text());
        assertEquals("network", a.detector());
        assertEquals(40, a.value());
        assertTrue(a.verdict().reason().startsWith("PORT_SCAN 10.0.0.9 -> 10.0.0.1"), a.verdict().reason());
        // Still within the quiet time: still anomalous, with the same series.
        assertTrue(update(T0.plusSeconds(9), List.of(scan(T0.plusSeconds(1), 40))).get(0).verdict().anomalous());
        // Quiet for longer: one verdict that settles the anomaly (closes it at once, whatever the tracker's quiet
        // count), then nothing.
        List<Heard> after = new ArrayList<>();
        for (int s = 12; s < 20; s++) {
            after.addAll(update(T0.plusSeconds(s), List.of(scan(T0.plusSeconds(1), 40))));
        }
        assertEquals(1, after.size(), after.toString());
        assertFalse(after.get(0).verdict().anomalous());
        assertTrue(after.get(0).verdict().settles());
        assertEquals(a.series(), after.get(0).series());
        assertEquals(T0.plusSeconds(12), after.get(0).time());
    }

    @Test
    void aSpoofedFloodIsOneSeriesHoweverManySources() {
        Finding flood = new Finding(Finding.Kind.SYN_FLOOD, 0.99, List.of("spoofed"), 30_000, "10.0.0.1", List.of(80),
                30_000, T0, T0, "flood");
        Finding many = new Finding(Finding.Kind.SYN_FLOOD, 0.8, List.of("10.0.0.7", "10.0.0.8"), 2, "10.0.0.1", List.of(80),
                500, T0, T0, "flood");
        List<Heard> out = update(T0, List.of(flood, many));
        assertEquals("spoofed", out.get(0).series().labels().get("source"));
        assertEquals("10.0.0.7 and others", out.get(1).series().labels().get("source"));
    }
}
