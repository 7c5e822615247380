package io.anomalyhunter.collect.cgroup;

import java.util.Objects;

/**
 * A cgroup we watch as one thing: a container (by runtime and id), a systemd service, or a cgroup made by
 * hand or by a tool at the top of the hierarchy.
 *
 * @param id the container's full id, the unit name ("nginx.service"), or the cgroup path ("/batch")
 * @param runtime "docker" or "podman" for a container, empty otherwise
 * @param path the cgroup path its figures are read from
 */
public record CgroupEntity(Kind kind, String id, String runtime, String path) {
    public enum Kind { CONTAINER, SERVICE, CGROUP }

    public CgroupEntity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(path, "path");
    }
}
