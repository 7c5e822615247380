package io.anomalyhunter.rca;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One fact an analysis may cite, under a stable id ("anomaly:12", "change:40", "process:12:4711", "network:15",
 * "model:16"): what kind of fact, when, about what ({@code subject}: a series, process, service, container, path,
 * port or address), one line for a person, and the figures behind it.
 */
public record Evidence(String id, String kind, Instant time, String subject, String summary, Map<String, String> facts) {
    public static final String ANOMALY = "anomaly";
    public static final String CHANGE = "change";
    public static final String PROCESS = "process";
    public static final String NETWORK = "network";
    public static final String MODEL = "model";

    public Evidence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        facts = Map.copyOf(facts);
    }
}
