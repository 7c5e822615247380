package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.pipeline.Judgement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingJudgementsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Finding scan(Instant last, long packets) {
        return new Finding(Finding.Kind.PORT_SCAN, 0.9, List.of("10.0.0.9"), 1, "10.0.0.1", List.of(22, 23), packets,
                T0, last, "vertical scan");
    }

    @Test
    void anAttackIsAnomalousWhileItLastsAndClosesWhenQuiet() {
        FindingJudgements j = new FindingJudgements("eth0", Duration.ofSeconds(10));
        List<Judgement> first = j.update(T0.plusSeconds(1), List.of(scan(T0.plusSeconds(1), 40)));
        assertEquals(1, first.size());
        Judgement a = first.get(0);
        assertTrue(a.anomalous());
        assertEquals("net_attack{interface=\"eth0\",kind=\"port_scan\",source=\"10.0.0.9\",target=\"10.0.0.1\"}",
                a.series().text());
        assertEquals("network", a.detector());
        assertEquals(40, a.value());
        assertTrue(a.reason().startsWith("PORT_SCAN 10.0.0.9 -> 10.0.0.1"), a.reason());
        // Still within the quiet time: still anomalous, with the same series.
        assertTrue(j.update(T0.plusSeconds(9), List.of(scan(T0.plusSeconds(1), 40))).get(0).anomalous());
        // Quiet for longer: normal judgements, three of them, then nothing.
        int normals = 0;
        for (int s = 12; s < 20; s++) {
            for (Judgement k : j.update(T0.plusSeconds(s), List.of(scan(T0.plusSeconds(1), 40)))) {
                assertFalse(k.anomalous());
                assertEquals(a.series(), k.series());
                normals++;
            }
        }
        assertEquals(3, normals);
    }

    @Test
    void aSpoofedFloodIsOneSeriesHoweverManySources() {
        FindingJudgements j = new FindingJudgements("eth0", Duration.ofSeconds(10));
        Finding flood = new Finding(Finding.Kind.SYN_FLOOD, 0.99, List.of("spoofed"), 30_000, "10.0.0.1", List.of(80),
                30_000, T0, T0, "flood");
        Finding many = new Finding(Finding.Kind.SYN_FLOOD, 0.8, List.of("10.0.0.7", "10.0.0.8"), 2, "10.0.0.1", List.of(80),
                500, T0, T0, "flood");
        List<Judgement> out = j.update(T0, List.of(flood, many));
        assertEquals("spoofed", out.get(0).series().labels().get("source"));
        assertEquals("10.0.0.7 and others", out.get(1).series().labels().get("source"));
    }
}
