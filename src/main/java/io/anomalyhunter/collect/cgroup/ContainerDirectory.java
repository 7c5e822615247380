package io.anomalyhunter.collect.cgroup;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a container runtime says about its containers: the names and labels cgroups do not carry. */
public interface ContainerDirectory {
    /** The container, or empty when the runtime is not reachable or does not know it (yet). */
    Optional<Container> find(String runtime, String id);

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
