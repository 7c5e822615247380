package io.anomalyhunter.collect.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One container event from the runtime's event stream.
 *
 * @param action "start", "die", "oom", "restart", "health_status: unhealthy", ...
 * @param attributes the actor's attributes: name, image, exitCode, the container's labels
 */
public record DockerEvent(Instant time, String action, String containerId, Map<String, String> attributes) {
    public DockerEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(containerId, "containerId");
        attributes = Map.copyOf(attributes);
    }

    public String name() {
        return attributes.getOrDefault("name", containerId.substring(0, Math.min(12, containerId.length())));
    }
}
