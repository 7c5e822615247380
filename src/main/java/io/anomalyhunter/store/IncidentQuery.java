package io.anomalyhunter.store;

import io.anomalyhunter.incident.Incident;
import java.util.List;
import java.util.Optional;

/** Reads stored incidents. Thread-safe. */
public interface IncidentQuery {
    List<Incident> find(IncidentFilter filter);

    Optional<Incident> byId(long id);
}
