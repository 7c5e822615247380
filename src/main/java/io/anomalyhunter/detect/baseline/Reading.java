package io.anomalyhunter.detect.baseline;

/**
 * What the model concluded about one sample. {@code surprise} is in decades of improbability and
 * {@code score} its monotone map to [0,1) with 0.5 at the threshold; the band is what a single value may do
 * without opening an anomaly (NaN while warming up). {@code feature}, {@code above} and {@code daily} say what
 * was surprising: which view, which side, and whether the time of day was the expectation.
 */
public record Reading(Kind kind, double surprise, double score, double confidence, double expectedLow,
                      double expectedHigh, Feature feature, boolean above, boolean daily) {

    /** Where the sample stands. */
    public enum Kind {
        /** The first samples, before anything can be said. */
        WARMING_UP,
        /** Judged, but the learning period has not passed: never anomalous. */
        LEARNING,
        NORMAL,
        /** Opens or continues an anomaly. */
        ANOMALOUS,
        /** Ends an anomaly: enough calm samples came in a row. */
        CALMED,
        /** Ends an anomaly that lasted: the change is the new normal. */
        ADOPTED
    }

    static final Reading WARMING_UP = new Reading(Kind.WARMING_UP, 0, 0, 0, Double.NaN, Double.NaN, Feature.POINT, false,
            false);

    public boolean anomalous() {
        return kind == Kind.ANOMALOUS;
    }
}
