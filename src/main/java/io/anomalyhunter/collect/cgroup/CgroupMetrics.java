package io.anomalyhunter.collect.cgroup;

import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import java.util.List;

/**
 * The metrics of containers, services and other cgroups. Each series carries the entity's labels:
 * {@code container}, {@code image}, {@code compose_project}, {@code compose_service} for a container,
 * {@code service} for a systemd service, {@code cgroup} for any other cgroup.
 */
public final class CgroupMetrics {
    public static final String CPU = "cgroup_cpu_percent";
    public static final String CPU_THROTTLED = "cgroup_cpu_throttled_percent";
    public static final String MEMORY = "cgroup_memory_bytes";
    public static final String MEMORY_OF_LIMIT = "cgroup_memory_limit_used_percent";
    public static final String MEMORY_LIMIT_HITS = "cgroup_memory_limit_hits_per_second";
    public static final String IO_READ_BYTES = "cgroup_io_read_bytes_per_second";
    public static final String IO_WRITE_BYTES = "cgroup_io_write_bytes_per_second";
    public static final String IO_READS = "cgroup_io_reads_per_second";
    public static final String IO_WRITES = "cgroup_io_writes_per_second";
    public static final String PIDS = "cgroup_pids";
    public static final String NET_RX_BYTES = "cgroup_network_receive_bytes_per_second";
    public static final String NET_TX_BYTES = "cgroup_network_transmit_bytes_per_second";

    public static final List<MetricDescriptor> ALL = List.of(
            new MetricDescriptor(CPU, MetricUnit.PERCENT, "CPU used, 100 = one whole CPU (as docker stats counts)"),
            new MetricDescriptor(CPU_THROTTLED, MetricUnit.PERCENT, "Share of CPU-limit periods in which it was throttled"),
            new MetricDescriptor(MEMORY, MetricUnit.BYTES, "Memory charged to it, page cache included"),
            new MetricDescriptor(MEMORY_OF_LIMIT, MetricUnit.PERCENT, "Memory charged as a percentage of its limit (when it has one)"),
            new MetricDescriptor(MEMORY_LIMIT_HITS, MetricUnit.PER_SECOND, "Times per second its memory use reached the limit"),
            new MetricDescriptor(IO_READ_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes read from block devices per second"),
            new MetricDescriptor(IO_WRITE_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes written to block devices per second"),
            new MetricDescriptor(IO_READS, MetricUnit.PER_SECOND, "Block device reads per second"),
            new MetricDescriptor(IO_WRITES, MetricUnit.PER_SECOND, "Block device writes per second"),
            new MetricDescriptor(PIDS, MetricUnit.COUNT, "Processes and threads in it"),
            new MetricDescriptor(NET_RX_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes received per second in its own network namespace"),
            new MetricDescriptor(NET_TX_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes sent per second in its own network namespace"));

    private CgroupMetrics() {
    }
}
