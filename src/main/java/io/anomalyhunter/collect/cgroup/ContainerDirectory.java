package io.anomalyhunter.collect.cgroup;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a container runtime says about its containers: the names and labels cgroups do not carry. */
public interface ContainerDirectory {
    /** The container, or empty when the runtime is not reachable or does not know it (yet). */
    Optional<Container> find(String runtime, String id);

    /**
     * The container's network counters as the runtime last reported them, for a container whose network
     * namespace cannot be read here; empty when unknown. Returns at once: a slow API is asked in the background.
     */
    default Optional<NetCounters> network(String runtime, String id) {
        return Optional.empty();
    }

    /** No runtime API: containers are named by their short id. */
    ContainerDirectory NONE = (runtime, id) -> Optional.empty();

    /** @param labels the container's labels (compose puts its project and service there) */
    record Container(String id, String name, String image, Map<String, String> labels) {
        public Container {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            labels = Map.copyOf(labels);
        }
    }
}
