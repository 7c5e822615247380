package io.anomalyhunter.alert;

import io.anomalyhunter.config.AlertsConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * At most {@code count} sends in any window of {@code per} (a sliding log of send times): pure, the
 * caller passes the time. Not thread-safe; one per destination worker.
 */
public final class RateLimiter {
    private final AlertsConfig.RateLimit limit;
    private final Deque<Long> sent = new ArrayDeque<>();

    public RateLimiter(AlertsConfig.RateLimit limit) {
        this.limit = limit;
    }

    /** Empty when a send may go now (and records it); otherwise how long until one may. */
    public Optional<Duration> acquire(long nowMs) {
        long window = limit.per().toMillis();
        while (!sent.isEmpty() && sent.peekFirst() <= nowMs - window) {
            sent.pollFirst();
        }
        if (sent.size() < limit.count()) {
            sent.addLast(nowMs);
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(sent.peekFirst() + window - nowMs));
    }

    /** Gives back the last acquired send (it did not happen: the delivery failed before reaching the peer). */
    public void release() {
        sent.pollLast();
    }
}
