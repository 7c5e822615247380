package io.anomalyhunter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How many HTTP connections may be open and how long one may wait.
 *
 * @param cap the most open at once; a new one past it closes another (see {@link ConnectionTable})
 * @param requestTimeout from a connection's opening, or a request's first byte, to the first byte of the answer
 * @param idleTimeout with no traffic either way
 */
public record ConnectionLimits(int cap, Duration requestTimeout, Duration idleTimeout) {
    /** File handles kept for everything else: the database, captures, collectors, the JVM's own files. */
    static final int RESERVED_FILES = 256;
    static final int SMALLEST_CAP = 16;

    public ConnectionLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
    }

    /**
     * The cap that fits under the process's open-file limit: at most half of the handles left after the
     * reserve, so that connections alone can never exhaust them ("Too many open files" would stop the
     * collectors and the store, not just the web server).
     */
    public static int capUnder(int configured, long openFileLimit) {
        long room = Math.max(SMALLEST_CAP, (openFileLimit - RESERVED_FILES) / 2);
        return (int) Math.min(configured, room);
    }
}
