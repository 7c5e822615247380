package io.anomalyhunter.config;

/** How readily detectors flag a deviation: the config's {@code detection.sensitivity}. */
public enum Sensitivity {
    LOW, MEDIUM, HIGH
}
