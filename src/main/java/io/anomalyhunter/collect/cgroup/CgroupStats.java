package io.anomalyhunter.collect.cgroup;

/**
 * One cgroup's counters and gauges at one moment, in the same units for cgroup v1 and v2. A figure the
 * kernel did not give (controller not enabled, file missing) is {@link #UNKNOWN}.
 *
 * @param cpuMicros CPU time used since the cgroup was made
 * @param periods CFS enforcement periods that elapsed (only counted while a CPU limit is set)
 * @param throttledPeriods of those, the periods in which the cgroup was throttled
 * @param memoryBytes memory charged now (page cache included, as the kernel counts it against the limit)
 * @param memoryLimit the limit, {@link #UNKNOWN} when there is none
 * @param limitHits times memory use reached the limit (v2 {@code memory.events max}, v1 {@code memory.failcnt})
 * @param oomKills processes killed by the OOM killer in this cgroup
 */
public record CgroupStats(long cpuMicros, long periods, long throttledPeriods, long memoryBytes, long memoryLimit,
                          long limitHits, long oomKills, long ioReadBytes, long ioWriteBytes, long ioReads,
                          long ioWrites, long pids) {
    public static final long UNKNOWN = -1;

    public static CgroupStats empty() {
        return new CgroupStats(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
                UNKNOWN, UNKNOWN, UNKNOWN);
    }
}
