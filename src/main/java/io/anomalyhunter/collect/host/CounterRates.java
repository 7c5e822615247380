package io.anomalyhunter.collect.host;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns monotonic counters into per-second rates. The first reading of a counter gives no rate. A
 * counter that went down either wrapped (it was in the top half of the 32-bit range: some NIC drivers
 * still count in 32 bits) or was reset (device re-added, driver reloaded), in which case it counted up
 * from zero since the last reading. Not thread-safe.
 */
public final class CounterRates {
    private static final long WRAP_32 = 1L << 32;

    private final Map<String, Reading> last = new HashMap<>();

    public OptionalDouble rate(String counter, long value, Instant time) {
        Reading prev = last.put(counter, new Reading(value, time));
        if (prev == null) {
            return OptionalDouble.empty();
        }
        double seconds = (time.toEpochMilli() - prev.time.toEpochMilli()) / 1000.0;
        if (seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(increase(prev.value, value) / seconds);
    }

    /** The increase between two readings, allowing for 32-bit wrap and reset. */
    static long increase(long previous, long current) {
        if (current >= previous) {
            return current - previous;
        }
        if (previous >= (WRAP_32 >>> 1) && previous < WRAP_32 && current < WRAP_32) {
            return current + WRAP_32 - previous;
        }
        return current;
    }

    private record Reading(long value, Instant time) {
    }
}
