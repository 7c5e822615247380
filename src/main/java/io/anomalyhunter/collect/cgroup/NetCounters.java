package io.anomalyhunter.collect.cgroup;

import java.time.Instant;
import java.util.Objects;

/**
 * A container's network byte counters over its interfaces but loopback, and when they were read. The time
 * travels with them because the runtime's API answers later than the poll that asks (rates are taken between
 * two readings' own times, not the polls').
 */
public record NetCounters(long received, long sent, Instant read) {
    public NetCounters {
        Objects.requireNonNull(read, "read");
    }
}
