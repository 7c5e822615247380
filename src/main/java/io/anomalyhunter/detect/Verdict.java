package io.anomalyhunter.detect;

/**
 * What a detector concluded about one sample. {@code expectedLow/High} is the band the detector considered
 * normal (NaN when it has no opinion yet); {@code score} and {@code confidence} are in [0,1]. {@code settles}
 * says the detector has concluded an open anomaly is over (its condition calmed down, or a lasting change was
 * adopted as the new normal): the anomaly closes at once instead of after a few quiet samples.
 */
public record Verdict(boolean anomalous, double score, double confidence, double expectedLow, double expectedHigh,
                      String reason, boolean settles) {

    /** Neither normal nor anomalous: the detector is still learning. */
    public static final Verdict NEUTRAL = new Verdict(false, 0, 0, Double.NaN, Double.NaN, "learning");

    public Verdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + score);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
        }
        if (anomalous && settles) {
            throw new IllegalArgumentException("an anomalous verdict cannot settle an anomaly");
        }
    }

    /** A verdict that leaves open anomalies to the tracker's quiet count. */
    public Verdict(boolean anomalous, double score, double confidence, double expectedLow, double expectedHigh,
                   String reason) {
        this(anomalous, score, confidence, expectedLow, expectedHigh, reason, false);
    }

    public static Verdict normal(double score, double confidence, double low, double high) {
        return new Verdict(false, score, confidence, low, high, "");
    }

    /** Normal, and any open anomaly of this detector is over now ({@code reason} says why). */
    public static Verdict settled(double score, double confidence, double low, double high, String reason) {
        return new Verdict(false, score, confidence, low, high, reason, true);
    }

    /** The same verdict with a band (used while learning, when the band is known but judgement is withheld). */
    public static Verdict learning(double low, double high) {
        return new Verdict(false, 0, 0, low, high, "learning");
    }
}
