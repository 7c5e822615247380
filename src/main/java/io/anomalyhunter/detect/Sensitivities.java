package io.anomalyhunter.detect;

import io.anomalyhunter.config.Sensitivity;

/**
 * How {@code detection.sensitivity} maps to the baseline detector's budget of false alarms: the number of
 * anomalies per day a whole host may raise from chance alone, shared by every series it watches. The
 * detector turns the budget into a surprise threshold (see {@code FalseAlarmBudget}); more series or faster
 * sampling make each sample's threshold stricter, so the host's false alarms do not grow with them.
 */
public final class Sensitivities {
    private Sensitivities() {
    }

    /** False alarms per day per host: low 0.1, medium 0.3, high 1. */
    public static double falseAlarmsPerDay(Sensitivity s) {
        return switch (s) {
            case LOW -> 0.1;
            case MEDIUM -> 0.3;
            case HIGH -> 1.0;
        };
    }
}
