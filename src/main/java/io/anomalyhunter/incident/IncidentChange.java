package io.anomalyhunter.incident;

import java.util.Objects;

/** A step in an incident's life. */
public record IncidentChange(Kind kind, Incident incident) {
    public enum Kind { OPENED, UPDATED, RESOLVED }

    public IncidentChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incident, "incident");
    }
}
