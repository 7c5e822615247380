package io.anomalyhunter.alert.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.config.AlertsConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One notification to one destination: an incident firing or resolved. {@code id} is stable across
 * retries and restarts (incident, state, destination) so a receiver can drop a duplicate delivery.
 */
public record Alert(String id, State state, AlertsConfig.Severity severity, List<String> rules, String destination,
                    String host, long incidentId, String title, Instant start, Instant end, double maxScore,
                    List<String> series, List<String> anomalies) {
    /** Firing when the incident opened (or first matched a rule), resolved when it ended. */
    public enum State { FIRING, RESOLVED }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Alert {
        Objects.requireNonNull(id, "id");
        rules = List.copyOf(rules);
        series = List.copyOf(series);
        anomalies = List.copyOf(anomalies);
    }

    /** One line for logs, mail subjects and chat: "[CRITICAL] FIRING incident 12: title". */
    public String summary() {
        return "[" + severity + "] " + state + " incident " + incidentId + ": " + title;
    }

    /** The JSON body sinks send (and exec commands read), snake_case. */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode().put("id", id).put("state", state.name().toLowerCase())
                .put("severity", severity.name().toLowerCase()).put("destination", destination).put("host", host)
                .put("incident_id", incidentId).put("title", title).put("start", start.toString())
                .put("end", end == null ? null : end.toString()).put("max_score", maxScore).put("summary", summary());
        rules.forEach(n.putArray("rules")::add);
        series.forEach(n.putArray("series")::add);
        anomalies.forEach(n.putArray("anomalies")::add);
        return n;
    }

    public static Alert fromJson(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return new Alert(n.path("id").asText(), State.valueOf(n.path("state").asText().toUpperCase()),
                    AlertsConfig.Severity.valueOf(n.path("severity").asText().toUpperCase()), strings(n.path("rules")),
                    n.path("destination").asText(), n.path("host").asText(), n.path("incident_id").asLong(),
                    n.path("title").asText(), Instant.parse(n.path("start").asText()),
                    n.path("end").isTextual() ? Instant.parse(n.path("end").asText()) : null, n.path("max_score").asDouble(),
                    strings(n.path("series")), strings(n.path("anomalies")));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an alert message: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
