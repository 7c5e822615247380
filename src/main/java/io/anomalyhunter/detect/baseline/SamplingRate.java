package io.anomalyhunter.detect.baseline;

import java.util.Arrays;

/**
 * Measures how often a series is sampled: the median of its first {@link #INTERVALS} positive intervals
 * (the median ignores gaps and repeated timestamps). Until then the nominal interval is assumed.
 */
final class SamplingRate {
    static final int INTERVALS = 64;

    private final double[] intervals = new double[INTERVALS];
    private int count;
    private long last = Long.MIN_VALUE;
    private double seconds;

    SamplingRate(double nominalSeconds) {
        this.seconds = nominalSeconds;
    }

    void observe(long epochMillis) {
        if (count < INTERVALS && last != Long.MIN_VALUE && epochMillis > last) {
            intervals[count++] = (epochMillis - last) / 1000.0;
            if (count == INTERVALS) {
                double[] sorted = intervals.clone();
                Arrays.sort(sorted);
                seconds = sorted[INTERVALS / 2];
            }
        }
        last = Math.max(last, epochMillis);
    }

    double seconds() {
        return seconds;
    }

    double samplesPerDay() {
        return 86_400.0 / seconds;
    }

    /** Continues from a persisted measurement (no more intervals are collected). */
    void restore(double measuredSeconds) {
        if (!(measuredSeconds > 0)) {
            throw new IllegalArgumentException("sampling interval must be positive, was " + measuredSeconds);
        }
        seconds = measuredSeconds;
        count = INTERVALS;
    }
}
