package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * When the daemon's own heavy work loads the host: a host model training, a report from the local model. Samples
 * taken then of the series it moves (CPU, memory, ...) show the daemon, not the host, and the baselines neither
 * learn nor judge them; other series (network, TCP, containers) are judged as usual, so the daemon is not blind
 * for the minutes a large local model takes. Measured in a
 * clean-clone CI with a one-minute learning period: the host model's first training cost about ten seconds of
 * 27-44 % CPU on two cores, the CPU baseline learned it as the host's, and its band reached 100 %. A sample taken
 * at {@code t} covers the interval before it, so a span loads the samples after its start until {@code after}
 * past its end (one interval, and as much again for what follows: the new model's first scoring, the collector).
 * Thread-safe.
 */
public final class OwnWork {
    /** A daemon without heavy work of its own to mark (a replayed file, a test). */
    public static final OwnWork NONE = new OwnWork(InstantSource.system(), Duration.ZERO, series -> false);
    /** Ended spans are forgotten after this: samples arrive within seconds of being taken. */
    private static final long KEEP_MILLIS = 10 * 60_000L;
    private static final int MAX_SPANS = 64;
    /**
     * A span counts for at most this long, even if never closed: work that hangs must not leave the host's CPU
     * unjudged for good. A training takes seconds, a local model's answer is bounded by its timeout.
     */
    static final long MAX_SPAN_MILLIS = 30 * 60_000L;

    private final InstantSource clock;
    private final long afterMillis;
    private final Predicate<SeriesKey> moved;
    private final Deque<long[]> spans = new ArrayDeque<>(); // {start, end}; end = Long.MAX_VALUE while running

    /**
     * @param after how long past a span's end a sample still shows it
     * @param moved the series the work moves
     */
    public OwnWork(InstantSource clock, Duration after, Predicate<SeriesKey> moved) {
        this.clock = clock;
        this.afterMillis = after.toMillis();
        this.moved = moved;
    }

    /** For a daemon sampling every {@code interval}: a span shows until two intervals and a second past its end. */
    public static OwnWork sampledEvery(InstantSource clock, Duration interval, Predicate<SeriesKey> moved) {
        return new OwnWork(clock, interval.multipliedBy(2).plusSeconds(1), moved);
    }

    /** Marks heavy work that starts now; close the span when it ends. */
    public Span begin() {
        long[] span = {clock.millis(), Long.MAX_VALUE};
        synchronized (spans) {
            spans.addLast(span);
            while (spans.size() > MAX_SPANS) {
                spans.removeFirst();
            }
        }
        return () -> {
            synchronized (spans) {
                span[1] = clock.millis();
            }
        };
    }

    /** True when a sample of {@code series} taken at {@code epochMillis} shows the daemon's own work. */
    public boolean loads(SeriesKey series, long epochMillis) {
        if (!moved.test(series)) {
            return false;
        }
        synchronized (spans) {
            long now = clock.millis();
            spans.removeIf(s -> now - Math.min(s[1], s[0] + MAX_SPAN_MILLIS) > KEEP_MILLIS);
            for (long[] s : spans) {
                long end = Math.min(s[1], s[0] + MAX_SPAN_MILLIS);
                if (epochMillis > s[0] && epochMillis <= end + afterMillis) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One stretch of own work; closing it says it ended (closing twice moves the end). */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }
}
