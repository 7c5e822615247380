package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Turns per-sample verdicts into anomalies with a start and an end. Consecutive anomalous samples of one
 * series and detector are one anomaly; it closes when a verdict settles it, or else after {@code quietSamples}
 * normal samples in a row (so one borderline sample inside a burst does not split it). Verdicts under
 * {@code minConfidence} are treated as normal. Not thread-safe.
 */
public final class AnomalyTracker {
    /** Added to the reason of an anomaly a restart cut off and that did not come back. */
    public static final String RESTART_NOTE = "; closed at restart";
    /** A peak has to grow by this much to be reported again; keeps the event stream small. */
    private static final double PEAK_STEP = 0.05;

    private final LongSupplier ids;
    private final double minConfidence;
    private final int quietSamples;
    private final Map<Key, Open> open = new HashMap<>();
    private Instant firstAfterResume;

    /**
     * Normal samples in a row that close an anomaly whose detector does not settle it: two, so one borderline
     * sample inside a burst does not split it.
     */
    public static final int QUIET_SAMPLES = 2;

    /** The tracker the daemon runs (and {@code detect} and {@code eval} with it). */
    public static AnomalyTracker forDetection(LongSupplier ids, double minConfidence) {
        return new AnomalyTracker(ids, minConfidence, QUIET_SAMPLES);
    }

    public AnomalyTracker(LongSupplier ids, double minConfidence, int quietSamples) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence must be in [0,1], was " + minConfidence);
        }
        if (quietSamples < 1) {
            throw new IllegalArgumentException("quietSamples must be at least 1, was " + quietSamples);
        }
        this.ids = ids;
        this.minConfidence = minConfidence;
        this.quietSamples = quietSamples;
    }

    public Optional<AnomalyChange> observe(SeriesKey series, String detector, Instant time, double value, Verdict v) {
        Key key = new Key(series, detector);
        Open current = open.get(key);
        boolean flagged = v.anomalous() && v.confidence() >= minConfidence;
        if (flagged) {
            if (current == null) {
                Anomaly a = new Anomaly(ids.getAsLong(), series, detector, time, null, value, time, v.expectedLow(),
                        v.expectedHigh(), v.score(), v.confidence(), v.reason());
                open.put(key, new Open(a, time, 0, v.score()));
                return Optional.of(new AnomalyChange(AnomalyChange.Kind.OPENED, a));
            }
            current.lastFlagged = time;
            current.quiet = 0;
            current.resumed = false;
            if (v.score() > current.anomaly.score()) {
                Anomaly a = current.anomaly;
                current.anomaly = new Anomaly(a.id(), series, detector, a.start(), null, value, time, v.expectedLow(),
                        v.expectedHigh(), v.score(), Math.max(a.confidence(), v.confidence()), v.reason());
                if (v.score() >= current.reportedScore + PEAK_STEP) {
                    current.reportedScore = v.score();
                    return Optional.of(new AnomalyChange(AnomalyChange.Kind.PEAKED, current.anomaly));
                }
            }
            return Optional.empty();
        }
        if (current != null && (v.settles() || ++current.quiet >= quietSamples)) {
            open.remove(key);
            return Optional.of(new AnomalyChange(AnomalyChange.Kind.CLOSED, closed(current)));
        }
        return Optional.empty();
    }

    /**
     * Takes over the anomalies a previous run left open. Each is resumed by its series' next anomalous verdict
     * (same id, same start); otherwise it closes as usual, at the time the previous run last observed it, and says
     * it was closed at restart. {@code lastObserved} is when that run stopped observing.
     */
    public void resume(List<Anomaly> cutOff, Instant lastObserved) {
        for (Anomaly a : cutOff) {
            Instant last = lastObserved.isAfter(a.peakTime()) ? lastObserved : a.peakTime();
            Open o = new Open(a, last, 0, a.score());
            o.resumed = true;
            open.put(new Key(a.series(), a.detector()), o);
        }
    }

    /**
     * Closes resumed anomalies that no verdict has come for within {@code grace} of the first call (their series
     * is gone: a removed disk, an attack that stopped while the daemon was down).
     */
    public List<AnomalyChange> closeUnheard(Instant now, Duration grace) {
        if (firstAfterResume == null) {
            firstAfterResume = now;
        }
        List<AnomalyChange> closed = new ArrayList<>();
        if (now.isBefore(firstAfterResume.plus(grace))) {
            return closed;
        }
        open.entrySet().removeIf(e -> {
            if (e.getValue().resumed && e.getValue().quiet == 0) {
                closed.add(new AnomalyChange(AnomalyChange.Kind.CLOSED, closed(e.getValue())));
                return true;
            }
            return false;
        });
        return closed;
    }

    private static Anomaly closed(Open o) {
        Anomaly a = o.anomaly.withEnd(o.lastFlagged);
        if (!o.resumed) {
            return a;
        }
        return new Anomaly(a.id(), a.series(), a.detector(), a.start(), a.end(), a.peakValue(), a.peakTime(),
                a.expectedLow(), a.expectedHigh(), a.score(), a.confidence(), a.reason() + RESTART_NOTE);
    }

    /** Closes every open anomaly at its last anomalous sample (used at shutdown). */
    public List<AnomalyChange> closeAll() {
        List<AnomalyChange> closed = new ArrayList<>();
        for (Open o : open.values()) {
            closed.add(new AnomalyChange(AnomalyChange.Kind.CLOSED, o.anomaly.withEnd(o.lastFlagged)));
        }
        open.clear();
        return closed;
    }

    public int openCount() {
        return open.size();
    }

    /** The id of the anomaly open for this series and detector, if any. */
    public java.util.OptionalLong openId(SeriesKey series, String detector) {
        Open o = open.get(new Key(series, detector));
        return o == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(o.anomaly.id());
    }

    private record Key(SeriesKey series, String detector) {
        // Written out: a record's generated equals and hashCode run through method handles, which the native
        // executable interprets (with reflection) instead of compiling; this is a hash key on hot paths.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && series.equals(k.series) && detector.equals(k.detector);
        }

        @Override
        public int hashCode() {
            return series.hashCode() * 31 + detector.hashCode();
        }
    }

    private static final class Open {
        Anomaly anomaly;
        Instant lastFlagged;
        int quiet;
        double reportedScore;
        /** Left open by a previous run and not flagged again since. */
        boolean resumed;

        Open(Anomaly anomaly, Instant lastFlagged, int quiet, double reportedScore) {
            this.anomaly = anomaly;
            this.lastFlagged = lastFlagged;
            this.quiet = quiet;
            this.reportedScore = reportedScore;
        }
    }
}
