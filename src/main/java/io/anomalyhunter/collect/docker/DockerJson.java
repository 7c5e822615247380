package io.anomalyhunter.collect.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Engine API's JSON (the fields we use, as Docker 20.10+ and Podman's compatible API write them).
 * Pure. Anything that does not parse throws {@link MalformedDockerJsonException} saying what was expected.
 */
final class DockerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerJson() {
    }

    /** {@code GET /containers/json}: an array of summaries. */
    static List<DockerContainer> containers(String json) {
        JsonNode root = tree(json);
        if (!root.isArray()) {
            throw new MalformedDockerJsonException("container list: expected a JSON array, got " + kind(root));
        }
        List<DockerContainer> out = new ArrayList<>();
        for (JsonNode c : root) {
            String id = c.path("Id").asText("");
            if (id.isEmpty()) {
                continue; // a summary without an id names nothing
            }
            String name = c.path("Names").path(0).asText(id.substring(0, Math.min(12, id.length())));
            out.add(new DockerContainer(id, stripSlash(name), c.path("Image").asText(""), strings(c.path("Labels")),
                    c.path("State").asText("")));
        }
        return out;
    }

    /** One line of {@code GET /events}; empty for events that are not about a container. */
    static Optional<DockerEvent> event(String line) {
        JsonNode e = tree(line);
        if (!e.isObject()) {
            throw new MalformedDockerJsonException("event: expected a JSON object, got " + kind(e));
        }
        String type = e.path("Type").asText("");
        if (!type.equals("container")) {
            return Optional.empty();
        }
        String id = e.path("Actor").path("ID").asText(e.path("id").asText(""));
        String action = e.path("Action").asText(e.path("status").asText(""));
        if (id.isEmpty() || action.isEmpty()) {
            throw new MalformedDockerJsonException("container event without Actor.ID or Action: " + abbreviate(line));
        }
        long nanos = e.path("timeNano").asLong(0);
        Instant time = nanos > 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(e.path("time").asLong(0));
        return Optional.of(new DockerEvent(time, action, id, strings(e.path("Actor").path("Attributes"))));
    }

    /**
     * {@code GET /containers/{id}/stats}: the sums of {@code networks.*.rx_bytes} and {@code tx_bytes}; empty
     * when there is no {@code networks} object (a container without a network, or one that is not running).
     */
    static Optional<long[]> networkBytes(String json) {
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw new MalformedDockerJsonException("container stats: expected a JSON object, got " + kind(root));
        }
        JsonNode networks = root.path("networks");
        if (!networks.isObject() || networks.isEmpty()) {
            return Optional.empty();
        }
        long rx = 0;
        long tx = 0;
        for (JsonNode n : networks) {
            if (!n.path("rx_bytes").canConvertToLong() || !n.path("tx_bytes").canConvertToLong()) {
                throw new MalformedDockerJsonException("container stats: a network without numeric rx_bytes and tx_bytes: "
                        + abbreviate(n.toString()));
            }
            rx += n.path("rx_bytes").asLong();
            tx += n.path("tx_bytes").asLong();
        }
        return Optional.of(new long[] {rx, tx});
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedDockerJsonException("not JSON (" + e.getOriginalMessage() + "): " + abbreviate(json));
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode()) {
                out.put(f.getKey(), f.getValue().asText());
            }
        }
        return out;
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String kind(JsonNode n) {
        return n == null || n.isMissingNode() ? "nothing" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 120 ? t : t.substring(0, 120) + "...";
    }
}
