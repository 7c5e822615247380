package io.anomalyhunter.queue;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits initial·2^(n-1), capped at max, then scaled by a random
 * factor in [0.5, 1) so that many messages failing together do not retry together.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and maxAttempts >= 1");
        }
    }

    /** The wait before the next delivery after {@code attempts} failed ones; {@code random} gives [0, 1). */
    public Duration delay(int attempts, DoubleSupplier random) {
        double base = initial.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(Math.max(1, Math.round(capped * (0.5 + random.getAsDouble() / 2))));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
