package io.anomalyhunter.store;

import java.time.Instant;

/** Which anomalies to list: those overlapping [since, until], newest first, one page. Null bounds are open. */
public record AnomalyFilter(Instant since, Instant until, String metric, double minScore, int limit, int offset) {
    public AnomalyFilter {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }
}
