package io.anomalyhunter.collect.cgroup;

import static io.anomalyhunter.collect.cgroup.CgroupMetrics.*;
import static io.anomalyhunter.collect.cgroup.CgroupStats.UNKNOWN;

import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns successive polls of the entities into samples: gauges as they are, counters as per-second rates.
 * Only the last poll is kept, so an entity that went away leaves nothing behind. A counter that went down
 * means the cgroup was made anew under the same path (a container restarted): no rate that poll.
 */
final class CgroupSampler {
    private Map<String, Previous> previous = new HashMap<>();

    private record Previous(EntityReading reading, Instant time) {
    }

    List<Sample> samples(List<EntityReading> readings, Instant t) {
        List<Sample> out = new ArrayList<>(readings.size() * 12);
        Map<String, Previous> next = new HashMap<>();
        for (EntityReading r : readings) {
            String[] labels = r.labels().toArray(String[]::new);
            CgroupStats s = r.stats();
            gauge(out, PIDS, s.pids(), t, labels);
            gauge(out, MEMORY, s.memoryBytes(), t, labels);
            if (s.memoryBytes() != UNKNOWN && s.memoryLimit() > 0) {
                out.add(new Sample(SeriesKey.of(MEMORY_OF_LIMIT, labels), t, 100.0 * s.memoryBytes() / s.memoryLimit()));
            }
            Previous p = previous.get(r.entity().path());
            if (p != null) {
                rates(out, p.reading(), r, (t.toEpochMilli() - p.time().toEpochMilli()) / 1000.0, t, labels);
            }
            next.put(r.entity().path(), new Previous(r, t));
        }
        previous = next;
        return out;
    }

    private static void rates(List<Sample> out, EntityReading before, EntityReading now, double seconds, Instant t,
                              String[] labels) {
        if (seconds <= 0) {
            return;
        }
        CgroupStats a = before.stats();
        CgroupStats b = now.stats();
        double cpuSeconds = delta(a.cpuMicros(), b.cpuMicros()) / 1e6;
        if (cpuSeconds >= 0) {
            out.add(new Sample(SeriesKey.of(CPU, labels), t, 100.0 * cpuSeconds / seconds));
        }
        long periods = delta(a.periods(), b.periods());
        long throttled = delta(a.throttledPeriods(), b.throttledPeriods());
        if (periods > 0 && throttled >= 0) {
            out.add(new Sample(SeriesKey.of(CPU_THROTTLED, labels), t, 100.0 * throttled / periods));
        }
        rate(out, MEMORY_LIMIT_HITS, delta(a.limitHits(), b.limitHits()), seconds, t, labels);
        rate(out, IO_READ_BYTES, delta(a.ioReadBytes(), b.ioReadBytes()), seconds, t, labels);
        rate(out, IO_WRITE_BYTES, delta(a.ioWriteBytes(), b.ioWriteBytes()), seconds, t, labels);
        rate(out, IO_READS, delta(a.ioReads(), b.ioReads()), seconds, t, labels);
        rate(out, IO_WRITES, delta(a.ioWrites(), b.ioWrites()), seconds, t, labels);
        if (before.net().isPresent() && now.net().isPresent()) {
            network(out, before.net().get(), now.net().get(), t, labels);
        }
    }

    /**
     * Between the counters' own read times: from the runtime's API they may be a poll old, or the same reading
     * twice (then no sample, rather than a false zero).
     */
    private static void network(List<Sample> out, NetCounters a, NetCounters b, Instant t, String[] labels) {
        double seconds = (b.read().toEpochMilli() - a.read().toEpochMilli()) / 1000.0;
        if (seconds <= 0) {
            return;
        }
        rate(out, NET_RX_BYTES, delta(a.received(), b.received()), seconds, t, labels);
        rate(out, NET_TX_BYTES, delta(a.sent(), b.sent()), seconds, t, labels);
    }

    /** The increase, or -1 when either side is unknown or the counter went down (made anew). */
    private static long delta(long before, long now) {
        if (before == UNKNOWN || now == UNKNOWN || now < before) {
            return -1;
        }
        return now - before;
    }

    private static void rate(List<Sample> out, String metric, long increase, double seconds, Instant t, String[] labels) {
        if (increase >= 0) {
            out.add(new Sample(SeriesKey.of(metric, labels), t, increase / seconds));
        }
    }

    private static void gauge(List<Sample> out, String metric, long value, Instant t, String[] labels) {
        if (value != UNKNOWN) {
            out.add(new Sample(SeriesKey.of(metric, labels), t, value));
        }
    }
}
