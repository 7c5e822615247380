package io.anomalyhunter.collect.cgroup;

import java.util.List;

/**
 * One entity's figures at one poll, with the labels its series carry.
 *
 * @param netRxBytes bytes received in its network namespace, {@link CgroupStats#UNKNOWN} when it shares the host's
 */
record EntityReading(CgroupEntity entity, List<String> labels, CgroupStats stats, long netRxBytes, long netTxBytes) {
    EntityReading {
        labels = List.copyOf(labels);
    }
}
