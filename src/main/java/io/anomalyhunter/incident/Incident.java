package io.anomalyhunter.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Anomalies that happened together. {@code end} is null while the incident is open; {@code series}
 * lists the affected series' text keys and {@code anomalyIds} the member anomalies, first first.
 */
public record Incident(long id, Instant start, Instant end, Severity severity, double maxScore, String title,
                       List<Long> anomalyIds, List<String> series) {
    public Incident {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        anomalyIds = List.copyOf(anomalyIds);
        series = List.copyOf(series);
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("incident end " + end + " before start " + start);
        }
    }

    public boolean open() {
        return end == null;
    }
}
