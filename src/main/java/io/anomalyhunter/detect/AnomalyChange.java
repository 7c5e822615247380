package io.anomalyhunter.detect;

import java.util.Objects;

/** A step in an anomaly's life: it opened, its peak grew, or it closed. */
public record AnomalyChange(Kind kind, Anomaly anomaly) {
    public enum Kind { OPENED, PEAKED, CLOSED }

    public AnomalyChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(anomaly, "anomaly");
    }
}
