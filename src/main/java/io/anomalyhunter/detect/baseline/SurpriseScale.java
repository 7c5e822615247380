package io.anomalyhunter.detect.baseline;

/**
 * Surprise is measured in decades of improbability: 3 means a one-in-a-thousand sample. A series sampled
 * {@code n} times a day that may raise {@code b} false alarms a day needs a sample rarer than b/n to open an
 * anomaly, so the threshold is log10(n/b): about 3 for a five-minute series with a budget of 0.3 a day, about
 * 7.5 for a one-second series sharing a 0.3 budget with a hundred others. An open anomaly continues while
 * samples stay above {@link #CONTINUE_FRACTION} of the threshold.
 */
public final class SurpriseScale {
    /** Hysteresis: a condition that opened an anomaly keeps it open a little below the opening threshold. */
    static final double CONTINUE_FRACTION = 0.8;
    /** Above the threshold, this many more decades take the score from 0.5 half way to 1. */
    static final double SCORE_DECADES = 4;
    /**
     * The threshold never falls below this, however slow the sampling or generous the budget: an anomaly is at
     * least a one-in-a-hundred sample (an hourly series with a budget of 0.3 a day would otherwise alert on one
     * in eighty).
     */
    static final double MIN_THRESHOLD = 2;

    private SurpriseScale() {
    }

    /** Decades of surprise that open an anomaly. */
    public static double threshold(double samplesPerDay, double falseAlarmsPerDay) {
        return Math.max(MIN_THRESHOLD, Math.log10(samplesPerDay / falseAlarmsPerDay));
    }

    /**
     * The score of a surprise: 0 for none, 0.5 at the threshold, then rising towards 1 with the decades beyond
     * it, never reaching it; monotone, so the strongest anomalies stay ranked.
     */
    public static double score(double surprise, double threshold) {
        if (surprise <= threshold) {
            return 0.5 * Math.max(0, surprise) / threshold;
        }
        double beyond = surprise - threshold;
        return 0.5 + 0.5 * beyond / (beyond + SCORE_DECADES);
    }
}
