package io.anomalyhunter.detect;

import io.anomalyhunter.config.Sensitivity;

/**
 * How {@code detection.sensitivity} maps to thresholds. A deviation of z robust standard deviations is
 * flagged at z >= zThreshold; a burst of variance is flagged when recent spread is varianceRatio times the
 * learned spread. Medium's 4.5 gives about one false flag per 150,000 Gaussian samples.
 */
public record Sensitivities(double zThreshold, double varianceRatio) {
    public static Sensitivities of(Sensitivity s) {
        return switch (s) {
            case LOW -> new Sensitivities(6.0, 4.0);
            case MEDIUM -> new Sensitivities(4.5, 3.0);
            case HIGH -> new Sensitivities(3.5, 2.5);
        };
    }
}
