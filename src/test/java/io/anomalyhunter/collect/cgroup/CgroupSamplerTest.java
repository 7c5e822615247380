package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CgroupSamplerTest {
    private static final CgroupEntity WEB = new CgroupEntity(CgroupEntity.Kind.CONTAINER, "a".repeat(64), "docker", "/docker/" + "a".repeat(64));
    private static final List<String> LABELS = List.of("container", "web", "image", "nginx:1.25");
    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private final CgroupSampler sampler = new CgroupSampler();

    private static EntityReading reading(long cpuMicros, long periods, long throttled, long memory, long limit, long readBytes,
                                         Optional<NetCounters> net) {
        return new EntityReading(WEB, LABELS, new CgroupStats(cpuMicros, periods, throttled, memory, limit, 0, 0, readBytes, 0, 0, 0, 7),
                net);
    }

    private static Optional<NetCounters> net(long received, Instant read) {
        return Optional.of(new NetCounters(received, 0, read));
    }

    private static Map<String, Double> byMetric(List<Sample> samples) {
        return samples.stream().collect(Collectors.toMap(s -> s.series().metric(), Sample::value));
    }

    @Test
    void gaugesAtOnceRatesFromTheSecondPoll() {
        Map<String, Double> first = byMetric(sampler.samples(List.of(reading(1_000_000, 100, 0, 300, 1200, 0, net(5000, T0))), T0));
        assertEquals(Map.of(CgroupMetrics.PIDS, 7.0, CgroupMetrics.MEMORY, 300.0, CgroupMetrics.MEMORY_OF_LIMIT, 25.0), first);
        List<Sample> second = sampler.samples(List.of(reading(16_000_000, 200, 50, 300, 1200, 10_240, net(15_000, T0.plusSeconds(10)))), T0.plusSeconds(10));
        Map<String, Double> v = byMetric(second);
        assertEquals(150.0, v.get(CgroupMetrics.CPU), 1e-9, "15 CPU-seconds in 10 s: one and a half CPUs");
        assertEquals(50.0, v.get(CgroupMetrics.CPU_THROTTLED), 1e-9);
        assertEquals(1024.0, v.get(CgroupMetrics.IO_READ_BYTES), 1e-9);
        assertEquals(1000.0, v.get(CgroupMetrics.NET_RX_BYTES), 1e-9);
        assertEquals(SeriesKey.of(CgroupMetrics.CPU, "container", "web", "image", "nginx:1.25"),
                second.stream().filter(s -> s.series().metric().equals(CgroupMetrics.CPU)).findFirst().orElseThrow().series());
    }

    @Test
    void aCgroupMadeAnewGivesNoRateThatPollAndUnknownsGiveNoSeries() {
        sampler.samples(List.of(reading(9_000_000, CgroupStats.UNKNOWN, CgroupStats.UNKNOWN, 300, CgroupStats.UNKNOWN, 0,
                Optional.empty())), T0);
        Map<String, Double> v = byMetric(sampler.samples(List.of(reading(1_000, CgroupStats.UNKNOWN, CgroupStats.UNKNOWN, 300,
                CgroupStats.UNKNOWN, 0, Optional.empty())), T0.plusSeconds(10)));
        assertFalse(v.containsKey(CgroupMetrics.CPU), "the counter went down: the container restarted");
        assertFalse(v.containsKey(CgroupMetrics.MEMORY_OF_LIMIT), "no limit");
        assertFalse(v.containsKey(CgroupMetrics.CPU_THROTTLED));
        assertFalse(v.containsKey(CgroupMetrics.NET_RX_BYTES), "shares the host's network namespace");
        assertTrue(v.containsKey(CgroupMetrics.IO_READ_BYTES));
    }

    @Test
    void anEntityThatWentAwayIsForgotten() {
        sampler.samples(List.of(reading(1_000_000, 0, 0, 1, 0, 0, Optional.empty())), T0);
        sampler.samples(List.of(), T0.plusSeconds(10));
        Map<String, Double> v = byMetric(sampler.samples(List.of(reading(2_000_000, 0, 0, 1, 0, 0, Optional.empty())), T0.plusSeconds(20)));
        assertFalse(v.containsKey(CgroupMetrics.CPU), "back after a gap: a first poll again, not a rate over the gap");
    }

    @Test
    void networkRatesRunBetweenTheCountersOwnReadTimesAndTheSameReadingTwiceGivesNone() {
        // From the runtime's API the counters arrive late: read at T0-2s and T0+3s, polled at T0 and T0+10s.
        sampler.samples(List.of(reading(0, 0, 0, 1, 0, 0, net(1000, T0.minusSeconds(2)))), T0);
        Map<String, Double> v = byMetric(sampler.samples(List.of(reading(0, 0, 0, 1, 0, 0, net(6000, T0.plusSeconds(3)))),
                T0.plusSeconds(10)));
        assertEquals(1000.0, v.get(CgroupMetrics.NET_RX_BYTES), 1e-9, "5000 bytes over the 5 s between the readings");
        Map<String, Double> again = byMetric(sampler.samples(List.of(reading(0, 0, 0, 1, 0, 0, net(6000, T0.plusSeconds(3)))),
                T0.plusSeconds(20)));
        assertFalse(again.containsKey(CgroupMetrics.NET_RX_BYTES), "no fresh reading: no sample rather than a false zero");
    }
}
