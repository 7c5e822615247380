package io.anomalyhunter.detect;

import java.time.Instant;

/**
 * Judges the samples of one series as they arrive: {@link #process} scores the sample against what was
 * learned, then learns from it, and returns the verdict.
 *
 * <p>Contract: one instance per series; not thread-safe (the pipeline calls it from one thread at a time);
 * samples arrive in time order; the verdict is {@link Verdict#NEUTRAL} or a learning verdict (never
 * anomalous) until the detector is ready. No I/O.
 */
public interface SeriesDetector {

    /** Short stable name shown with each anomaly, e.g. "baseline" or "threshold". */
    String name();

    Verdict process(Instant time, double value);
}
