package io.anomalyhunter.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.queue.QueueItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident change as the queue carries it (topic {@value #TOPIC}) to alerting and, later, root-cause
 * analysis. JSON through Jackson's tree model, so the native executable needs no reflection for it.
 */
public final class IncidentMessage {
    public static final String TOPIC = "incidents";
    /**
     * Root-cause analysis jobs: one when an incident opens, one each time it grows to 2..{@value #REANALYSED_UP_TO}
     * anomalies, and one when it resolves (its final report).
     */
    public static final String RCA_TOPIC = "rca";
    /**
     * An incident is analysed again as anomalies join it, up to this many: the one that opened it is often a side
     * effect (a new program's start reads the disk) and the telling one joins seconds later. Beyond this the report
     * waits for the resolution, so a storm of anomalies does not queue a model's analysis for each.
     */
    static final int REANALYSED_UP_TO = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IncidentMessage() {
    }

    /** The queue item that carries the change to the incidents topic's consumers. */
    public static QueueItem queueItem(IncidentChange change) {
        return new QueueItem(TOPIC, encode(change), null);
    }

    /**
     * Every queue item of a change: the incidents topic's, and an analysis job for an opened or resolved incident and
     * for one that grew (deduplicated per incident and kind, or per member count, so a replayed change or another
     * update of the same members does not analyse twice).
     */
    public static List<QueueItem> queueItems(IncidentChange change) {
        long id = change.incident().id();
        if (change.kind() == IncidentChange.Kind.UPDATED) {
            int members = change.incident().anomalyIds().size();
            if (members < 2 || members > REANALYSED_UP_TO) {
                return List.of(queueItem(change));
            }
            return List.of(queueItem(change), new QueueItem(RCA_TOPIC, encode(change), "rca:" + id + ":members:" + members));
        }
        return List.of(queueItem(change), new QueueItem(RCA_TOPIC, encode(change),
                "rca:" + id + ":" + change.kind().name().toLowerCase()));
    }

    public static String encode(IncidentChange change) {
        Incident i = change.incident();
        ObjectNode root = JSON.createObjectNode().put("change", change.kind().name().toLowerCase());
        ObjectNode n = root.putObject("incident").put("id", i.id()).put("start", i.start().toString())
                .put("end", i.end() == null ? null : i.end().toString()).put("severity", i.severity().name().toLowerCase())
                .put("max_score", i.maxScore()).put("title", i.title());
        i.anomalyIds().forEach(n.putArray("anomaly_ids")::add);
        i.series().forEach(n.putArray("series")::add);
        return root.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong when the text is not such a message */
    public static IncidentChange decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode n = root.path("incident");
            List<Long> ids = new ArrayList<>();
            n.path("anomaly_ids").forEach(x -> ids.add(x.asLong()));
            List<String> series = new ArrayList<>();
            n.path("series").forEach(x -> series.add(x.asText()));
            Incident incident = new Incident(n.path("id").asLong(), Instant.parse(n.path("start").asText()),
                    n.path("end").isNull() || n.path("end").isMissingNode() ? null : Instant.parse(n.path("end").asText()),
                    Severity.valueOf(n.path("severity").asText().toUpperCase()), n.path("max_score").asDouble(),
                    n.path("title").asText(), ids, series);
            return new IncidentChange(IncidentChange.Kind.valueOf(root.path("change").asText().toUpperCase()), incident);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an incident message: " + e.getMessage(), e);
        }
    }
}
