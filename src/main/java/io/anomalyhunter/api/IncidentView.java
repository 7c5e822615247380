package io.anomalyhunter.api;

import io.anomalyhunter.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** An incident as the API shows it; {@code anomalies} is filled only when one incident is asked for. */
public record IncidentView(long id, Instant start, Instant end, String state, String severity, double maxScore,
                           String title, List<Long> anomalyIds, List<String> series, List<AnomalyView> anomalies) {

    static IncidentView of(Incident i, List<AnomalyView> members) {
        return new IncidentView(i.id(), i.start(), i.end(), i.open() ? "open" : "resolved",
                i.severity().name().toLowerCase(Locale.ROOT), i.maxScore(), i.title(), i.anomalyIds(), i.series(),
                members);
    }
}
