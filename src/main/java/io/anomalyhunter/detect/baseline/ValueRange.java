package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.series.MetricUnit;

/**
 * The values a series can physically take; expected bands are clamped to it (a percentage cannot go below 0
 * or above 100, a rate or a count below 0).
 */
public record ValueRange(double min, double max) {
    public static final ValueRange ANY = new ValueRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    public static final ValueRange NON_NEGATIVE = new ValueRange(0, Double.POSITIVE_INFINITY);
    public static final ValueRange PERCENT = new ValueRange(0, 100);

    public ValueRange {
        if (!(min < max)) {
            throw new IllegalArgumentException("range min must be below max, was " + min + ".." + max);
        }
    }

    /** What a unit allows: every unit the collectors produce is a percentage or non-negative. */
    public static ValueRange of(MetricUnit unit) {
        return unit == MetricUnit.PERCENT ? PERCENT : NON_NEGATIVE;
    }

    public double clamp(double v) {
        return Math.max(min, Math.min(max, v));
    }
}
