package io.anomalyhunter.store;

import io.anomalyhunter.change.ChangeKind;
import java.time.Instant;

/** Which changes to list: in [since, until], newest first, one page. Null bounds and filters are open. */
public record ChangeFilter(Instant since, Instant until, ChangeKind kind, String subject, int limit, int offset) {
    public ChangeFilter {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
    }
}
