package io.anomalyhunter.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the real OSHI collector on this host. */
class HostCollectorTest {
    @Test
    void readsAtLeastThirtySeriesFromThisHostWithRatesOnTheSecondRead() throws Exception {
        HostCollector c = new HostCollector();
        assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());
        List<Sample> first = new ArrayList<>();
        List<Sample> second = new ArrayList<>();
        Instant t0 = Instant.now();
        c.collect(t0, first::addAll);
        // Rates need a second reading after real time has passed: read again until the CPU counters have moved.
        long start = System.nanoTime();
        while (second.stream().noneMatch(s -> s.series().equals(SeriesKey.of(HostMetrics.CPU, "mode", "total")))
                && System.nanoTime() - start < 10_000_000_000L) {
            second.clear();
            Thread.sleep(100);
            c.collect(t0.plusNanos(System.nanoTime() - start), second::addAll);
        }
        Set<String> series = second.stream().map(s -> s.series().text()).collect(Collectors.toSet());
        assertTrue(series.size() >= 30, "only " + series.size() + " series: " + series);
        Set<String> metrics = second.stream().map(s -> s.series().metric()).collect(Collectors.toSet());
        for (String m : List.of(HostMetrics.CPU, HostMetrics.LOAD, HostMetrics.MEMORY_USED, HostMetrics.FS_USED,
                HostMetrics.NIC_RX_BYTES, HostMetrics.TCP_CONNECTIONS, HostMetrics.TCP_RETRANSMITS,
                HostMetrics.UDP_RECEIVED, HostMetrics.PROCESSES, HostMetrics.THREADS)) {
            assertTrue(metrics.contains(m), "missing " + m + " in " + metrics);
        }
        assertTrue(first.stream().noneMatch(s -> s.series().metric().equals(HostMetrics.NIC_RX_BYTES)),
                "a rate needs two readings");
        double cpuTotal = second.stream().filter(s -> s.series().equals(SeriesKey.of(HostMetrics.CPU, "mode", "total")))
                .findFirst().orElseThrow().value();
        assertTrue(cpuTotal >= 0 && cpuTotal <= 100, "cpu total " + cpuTotal);
        long procs = Math.round(second.stream().filter(s -> s.series().metric().equals(HostMetrics.PROCESSES))
                .findFirst().orElseThrow().value());
        assertTrue(procs > 1, "process count " + procs);
    }
}
