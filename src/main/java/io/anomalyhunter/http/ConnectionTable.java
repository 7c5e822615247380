package io.anomalyhunter.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The open HTTP connections, which one gives way when a new one would pass the cap, and which have waited too
 * long. Pure bookkeeping on nanosecond times the caller passes in; thread-safe.
 *
 * <p>Who gives way, first to last (as nginx reuses its idle connections): a connection that has not sent a byte
 * (oldest first), then one between requests (idle longest), then one in the middle of a request (the oldest
 * request). So a flood of silent or slow sockets cannot keep a real client, such as a health check, out.
 *
 * @param <C> the caller's handle on a connection
 */
public final class ConnectionTable<C> {
    /** Why a connection was closed by us. */
    public enum Reason {
        /** A new connection needed its place. */
        EVICTED,
        /** Sent nothing, or only part of a request, for the request timeout. */
        REQUEST_TIMEOUT,
        /** No traffic either way for the idle timeout. */
        IDLE
    }

    /** A connection to close and why. */
    public record Closing<C>(C connection, Reason reason) {
    }

    /** One open connection; its times are updated from the connection's own thread. */
    public static final class Slot<C> {
        final C connection;
        final long opened;
        volatile long lastActivity;
        /** Whether a request has begun (its first byte came) and has no answer yet, and since when. */
        volatile boolean inRequest;
        volatile long requestStarted;
        volatile boolean silent = true;

        Slot(C connection, long now) {
            this.connection = connection;
            this.opened = now;
            this.lastActivity = now;
        }
    }

    private final ConnectionLimits limits;
    /** In order of opening; the silent ones also in {@link #silent}, so a flood's victim is found at once. */
    private final LinkedHashSet<Slot<C>> open = new LinkedHashSet<>();
    private final LinkedHashSet<Slot<C>> silent = new LinkedHashSet<>();

    public ConnectionTable(ConnectionLimits limits) {
        this.limits = limits;
    }

    /** Takes in a new connection; returns the one that must give way for it, if the table is full. */
    public synchronized Admission<C> open(C connection, long now) {
        Optional<Slot<C>> victim = open.size() >= limits.cap() ? victim() : Optional.empty();
        victim.ifPresent(this::forget);
        Slot<C> slot = new Slot<>(connection, now);
        open.add(slot);
        silent.add(slot);
        return new Admission<>(slot, victim.map(v -> new Closing<>(v.connection, Reason.EVICTED)));
    }

    /** A new connection's slot, and the connection closed to make room for it. */
    public record Admission<C>(Slot<C> slot, Optional<Closing<C>> evicted) {
    }

    /** Bytes arrived on the connection. */
    public void read(Slot<C> slot, long now) {
        if (!slot.inRequest) {
            slot.requestStarted = now;
            slot.inRequest = true;
        }
        slot.lastActivity = now;
        if (slot.silent) {
            slot.silent = false;
            synchronized (this) {
                silent.remove(slot);
            }
        }
    }

    /** Bytes were written: the request has its answer, and the next one has not begun. */
    public void wrote(Slot<C> slot, long now) {
        slot.inRequest = false;
        slot.lastActivity = now;
    }

    /** The connection is gone (closed by either side). */
    public synchronized void closed(Slot<C> slot) {
        forget(slot);
    }

    /** The connections that have waited too long; they are forgotten here, the caller closes them. */
    public synchronized List<Closing<C>> expired(long now) {
        List<Closing<C>> out = new ArrayList<>();
        List<Slot<C>> gone = new ArrayList<>();
        for (Slot<C> s : open) {
            boolean waiting = s.silent || s.inRequest;
            long started = s.silent ? s.opened : s.requestStarted;
            Reason reason = waiting && now - started > limits.requestTimeout().toNanos() ? Reason.REQUEST_TIMEOUT
                    : now - s.lastActivity > limits.idleTimeout().toNanos() ? Reason.IDLE : null;
            if (reason != null) {
                out.add(new Closing<>(s.connection, reason));
                gone.add(s);
            }
        }
        gone.forEach(this::forget);
        return out;
    }

    public int cap() {
        return limits.cap();
    }

    public synchronized int size() {
        return open.size();
    }

    private Optional<Slot<C>> victim() {
        if (!silent.isEmpty()) {
            return Optional.of(silent.iterator().next());
        }
        Slot<C> between = null;
        Slot<C> midRequest = null;
        for (Slot<C> s : open) {
            if (!s.inRequest) {
                if (between == null || s.lastActivity - between.lastActivity < 0) {
                    between = s;
                }
            } else if (midRequest == null || s.requestStarted - midRequest.requestStarted < 0) {
                midRequest = s;
            }
        }
        return Optional.ofNullable(between != null ? between : midRequest);
    }

    private void forget(Slot<C> slot) {
        open.remove(slot);
        silent.remove(slot);
    }
}
