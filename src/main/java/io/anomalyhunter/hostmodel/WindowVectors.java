package io.anomalyhunter.hostmodel;

import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's feature vector per interval: the latest value of every series, taken when the first sample of a later
 * interval arrives. Collectors report a little apart within an interval (the host poll, the traffic window), so a
 * series keeps its last value for {@link #CARRY} intervals before it counts as absent. Pure; not thread-safe.
 */
final class WindowVectors {
    static final int CARRY = 3;
    private final long intervalMillis;
    private final Map<SeriesKey, Double> latest = new HashMap<>();
    private final Map<SeriesKey, Long> seenIn = new HashMap<>();
    private long current = Long.MIN_VALUE;

    /** One interval's vector: when it ended and each series' value. */
    record Window(Instant end, Map<SeriesKey, Double> values) {
        Window {
            values = Map.copyOf(values);
        }
    }

    WindowVectors(Duration interval) {
        this.intervalMillis = Math.max(1, interval.toMillis());
    }

    /** Takes one collector's batch; returns the interval it closed, if its samples are the first of a later one. */
    Optional<Window> add(List<Sample> batch) {
        Optional<Window> closed = Optional.empty();
        for (Sample s : batch) {
            long bucket = Math.floorDiv(s.time().toEpochMilli(), intervalMillis);
            if (current != Long.MIN_VALUE && bucket > current) {
                closed = Optional.of(close(bucket));
            }
            current = Math.max(current, bucket);
            latest.put(s.series(), s.value());
            seenIn.put(s.series(), bucket);
        }
        return closed;
    }

    private Window close(long next) {
        for (Iterator<Map.Entry<SeriesKey, Long>> it = seenIn.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SeriesKey, Long> e = it.next();
            if (e.getValue() < current - CARRY) { // gone (a container stopped): it leaves the vector
                latest.remove(e.getKey());
                it.remove();
            }
        }
        Window w = new Window(Instant.ofEpochMilli((current + 1) * intervalMillis), latest);
        current = next;
        return w;
    }
}
