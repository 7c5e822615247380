package io.anomalyhunter.log;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a recurring problem once, then at most once per period with how often it recurred in between, and once
 * more when it clears: an operator reading the journal sees that it started, that it goes on, and that it ended,
 * not a line per occurrence. Thread-safe.
 */
public final class RepeatedLog {
    private final Logger log;
    private final Duration period;
    private final InstantSource clock;
    private final Map<String, Active> active = new HashMap<>();

    private static final class Active {
        Instant lastLogged;
        long suppressed;
        Instant since;
    }

    public RepeatedLog(Logger log, Duration period, InstantSource clock) {
        this.log = log;
        this.period = period;
        this.clock = clock;
    }

    /**
     * Reports an occurrence of the problem {@code key}; logs it if it is new or {@link #period} has passed
     * since it was last logged. Returns true when it was logged (a caller may add a stack trace then).
     */
    public boolean problem(String key, Level level, String message) {
        return problem(key, level, message, null);
    }

    /** As {@link #problem(String, Level, String)}, with the stack trace of {@code thrown} when it is logged. */
    public synchronized boolean problem(String key, Level level, String message, Throwable thrown) {
        Instant now = clock.instant();
        Active a = active.get(key);
        if (a == null) {
            a = new Active();
            a.since = now;
            active.put(key, a);
        } else if (now.isBefore(a.lastLogged.plus(period))) {
            a.suppressed++;
            return false;
        }
        String more = a.suppressed > 0 ? " (" + a.suppressed + " more like it since " + a.lastLogged + ")" : "";
        a.lastLogged = now;
        a.suppressed = 0;
        log.log(level, message + more, thrown);
        return true;
    }

    /** The problem {@code key} is over; logs {@code message} if it was active. */
    public synchronized void cleared(String key, String message) {
        Active a = active.remove(key);
        if (a != null) {
            log.info(message + " (the problem began " + a.since + ")");
        }
    }

    public synchronized boolean isActive(String key) {
        return active.containsKey(key);
    }
}
