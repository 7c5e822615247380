package io.anomalyhunter.collect.cgroup;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A cgroup hierarchy as the collector sees it, v1 or v2. Paths are cgroup paths ("/system.slice/x.service",
 * "/" the root).
 */
interface CgroupTree {
    /** Says what is read, for the collector's state ("cgroup v2 at /sys/fs/cgroup"). */
    String describe();

    /** The cgroups directly below {@code path}; empty when it is gone. */
    List<String> children(String path);

    /** The cgroup's figures, or empty when the cgroup is gone; a file that does not parse is told to {@code problems}. */
    Optional<CgroupStats> read(String path, Problems problems);

    /** Some process in the cgroup (or below it), for its network namespace. */
    OptionalInt anyPid(String path);

    /** Hears of a cgroup file with content we do not understand; the figure is skipped. */
    interface Problems {
        void malformed(String file, String message);
    }
}
