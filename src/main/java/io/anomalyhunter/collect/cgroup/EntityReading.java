package io.anomalyhunter.collect.cgroup;

import java.util.List;
import java.util.Optional;

/**
 * One entity's figures at one poll, with the labels its series carry.
 *
 * @param net its network namespace's counters; empty when it shares the host's or nobody could tell
 */
record EntityReading(CgroupEntity entity, List<String> labels, CgroupStats stats, Optional<NetCounters> net) {
    EntityReading {
        labels = List.copyOf(labels);
    }
}
