package io.anomalyhunter.store;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a previous run left open (a stop, clean or not, cuts anomalies and incidents off): anomalies and
 * incidents without an end, every member anomaly of those incidents by id, and the time of the last sample that
 * run stored, which is when it stopped observing.
 */
public record OpenRecords(List<Anomaly> anomalies, List<Incident> incidents, Map<Long, Anomaly> members,
                          Optional<Instant> lastObserved) {
    public OpenRecords {
        anomalies = List.copyOf(anomalies);
        incidents = List.copyOf(incidents);
        members = Map.copyOf(members);
    }

    public boolean isEmpty() {
        return anomalies.isEmpty() && incidents.isEmpty();
    }
}
