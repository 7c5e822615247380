package io.anomalyhunter.detect;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Parameters of one {@link BaselineDetector}. {@code minScale} is the smallest spread the detector
 * will assume (in the metric's unit); {@code zone} decides where days and weekends begin.
 */
public record BaselineSettings(Duration learningPeriod, Sensitivities thresholds, double minScale, ZoneOffset zone) {
    public BaselineSettings {
        Objects.requireNonNull(learningPeriod, "learningPeriod");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(zone, "zone");
        if (learningPeriod.isNegative()) {
            throw new IllegalArgumentException("learningPeriod must not be negative, was " + learningPeriod);
        }
        if (!(minScale > 0)) {
            throw new IllegalArgumentException("minScale must be greater than 0, was " + minScale);
        }
    }
}
