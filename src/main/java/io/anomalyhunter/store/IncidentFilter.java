package io.anomalyhunter.store;

import java.time.Instant;

/** Which incidents to list: those overlapping [since, until], optionally only open ones, newest first. */
public record IncidentFilter(Instant since, Instant until, boolean openOnly, int limit, int offset) {
    public IncidentFilter {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }
}
