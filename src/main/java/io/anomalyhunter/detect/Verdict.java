package io.anomalyhunter.detect;

/**
 * What a detector concluded about one sample. {@code expectedLow/High} is the band the detector
 * considered normal (NaN when it has no opinion yet); {@code score} and {@code confidence} are in [0,1].
 */
public record Verdict(boolean anomalous, double score, double confidence, double expectedLow, double expectedHigh,
                      String reason) {

    /** Neither normal nor anomalous: the detector is still learning. */
    public static final Verdict NEUTRAL = new Verdict(false, 0, 0, Double.NaN, Double.NaN, "learning");

    public Verdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1], was " + score);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
        }
    }

    public static Verdict normal(double score, double confidence, double low, double high) {
        return new Verdict(false, score, confidence, low, high, "");
    }

    /** The same verdict with a band (used while learning, when the band is known but judgement is withheld). */
    public static Verdict learning(double low, double high) {
        return new Verdict(false, 0, 0, low, high, "learning");
    }
}
