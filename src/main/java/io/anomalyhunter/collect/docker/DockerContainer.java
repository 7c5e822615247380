package io.anomalyhunter.collect.docker;

import java.util.Map;
import java.util.Objects;

/**
 * A container as the runtime lists it.
 *
 * @param name without Docker's leading slash
 * @param state "running", "exited", "restarting", ...
 */
public record DockerContainer(String id, String name, String image, Map<String, String> labels, String state) {
    public DockerContainer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        labels = Map.copyOf(labels);
    }
}
