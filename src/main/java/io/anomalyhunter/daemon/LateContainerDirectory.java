package io.anomalyhunter.daemon;

import io.anomalyhunter.collect.cgroup.ContainerDirectory;
import java.util.Optional;

/**
 * The runtimes' container names, for those made before the runtimes' collectors exist: the pipeline's process
 * snapshots need names, and the collectors need the pipeline. Empty until {@link #set}.
 */
final class LateContainerDirectory implements ContainerDirectory {
    private volatile ContainerDirectory target = ContainerDirectory.NONE;

    void set(ContainerDirectory d) {
        target = d;
    }

    @Override
    public Optional<Container> find(String runtime, String id) {
        return target.find(runtime, id);
    }
}
