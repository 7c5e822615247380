package io.anomalyhunter.collect.host;

import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import java.util.List;
import java.util.Set;

/** The metrics the host collector produces (names follow Prometheus conventions). */
public final class HostMetrics {
    public static final String CPU = "host_cpu_percent";
    public static final String LOAD = "host_load_average";
    public static final String MEMORY_USED = "host_memory_used_bytes";
    public static final String MEMORY_USED_PERCENT = "host_memory_used_percent";
    public static final String SWAP_USED = "host_swap_used_bytes";
    public static final String DISK_READ_BYTES = "host_disk_read_bytes_per_second";
    public static final String DISK_WRITE_BYTES = "host_disk_write_bytes_per_second";
    public static final String DISK_READS = "host_disk_reads_per_second";
    public static final String DISK_WRITES = "host_disk_writes_per_second";
    public static final String FS_USED = "host_filesystem_used_percent";
    public static final String NIC_RX_BYTES = "host_network_receive_bytes_per_second";
    public static final String NIC_TX_BYTES = "host_network_transmit_bytes_per_second";
    public static final String NIC_RX_PACKETS = "host_network_receive_packets_per_second";
    public static final String NIC_TX_PACKETS = "host_network_transmit_packets_per_second";
    public static final String NIC_RX_ERRORS = "host_network_receive_errors_per_second";
    public static final String NIC_TX_ERRORS = "host_network_transmit_errors_per_second";
    public static final String NIC_RX_DROPS = "host_network_receive_drops_per_second";
    public static final String TCP_CONNECTIONS = "host_tcp_connections";
    public static final String TCP_RETRANSMITS = "host_tcp_retransmits_per_second";
    public static final String TCP_FAILURES = "host_tcp_connection_failures_per_second";
    public static final String TCP_RESETS = "host_tcp_resets_per_second";
    public static final String UDP_RECEIVED = "host_udp_received_per_second";
    public static final String UDP_SENT = "host_udp_sent_per_second";
    public static final String UDP_NO_PORT = "host_udp_no_port_per_second";
    public static final String UDP_ERRORS = "host_udp_errors_per_second";
    public static final String PROCESSES = "host_processes";
    public static final String THREADS = "host_threads";
    public static final String PROCESS_STARTS = "host_process_starts_per_second";
    public static final String FILE_HANDLES = "host_file_handles";
    public static final String OPEN_FILES_MAX_PERCENT = "host_open_files_max_percent";

    /**
     * What the daemon's own heavy work moves on the host (a model training or a local model's answer takes CPU,
     * memory, threads, a process and disk reads); the network, TCP and file-system series do not show it.
     */
    public static final Set<String> MOVED_BY_OWN_WORK = Set.of(CPU, LOAD, MEMORY_USED, MEMORY_USED_PERCENT, SWAP_USED,
            DISK_READ_BYTES, DISK_WRITE_BYTES, DISK_READS, DISK_WRITES, PROCESSES, THREADS, PROCESS_STARTS, FILE_HANDLES);

    public static final List<MetricDescriptor> ALL = List.of(
            d(CPU, MetricUnit.PERCENT, "CPU time by mode; mode=\"total\" is everything but idle and iowait"),
            d(LOAD, MetricUnit.LOAD, "Load average over 1, 5 and 15 minutes (label period)"),
            d(MEMORY_USED, MetricUnit.BYTES, "Memory in use (total minus available)"),
            d(MEMORY_USED_PERCENT, MetricUnit.PERCENT, "Memory in use as a percentage of total"),
            d(SWAP_USED, MetricUnit.BYTES, "Swap in use"),
            d(DISK_READ_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes read per second by device"),
            d(DISK_WRITE_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes written per second by device"),
            d(DISK_READS, MetricUnit.PER_SECOND, "Read operations per second by device"),
            d(DISK_WRITES, MetricUnit.PER_SECOND, "Write operations per second by device"),
            d(FS_USED, MetricUnit.PERCENT, "Filesystem space used by mount point"),
            d(NIC_RX_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes received per second by interface"),
            d(NIC_TX_BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes sent per second by interface"),
            d(NIC_RX_PACKETS, MetricUnit.PER_SECOND, "Packets received per second by interface"),
            d(NIC_TX_PACKETS, MetricUnit.PER_SECOND, "Packets sent per second by interface"),
            d(NIC_RX_ERRORS, MetricUnit.PER_SECOND, "Receive errors per second by interface"),
            d(NIC_TX_ERRORS, MetricUnit.PER_SECOND, "Transmit errors per second by interface"),
            d(NIC_RX_DROPS, MetricUnit.PER_SECOND, "Received packets dropped per second by interface"),
            d(TCP_CONNECTIONS, MetricUnit.COUNT, "TCP connections (IPv4 and IPv6) by state"),
            d(TCP_RETRANSMITS, MetricUnit.PER_SECOND, "TCP segments retransmitted per second"),
            d(TCP_FAILURES, MetricUnit.PER_SECOND, "TCP connection attempts that failed per second"),
            d(TCP_RESETS, MetricUnit.PER_SECOND, "TCP connections reset per second"),
            d(UDP_RECEIVED, MetricUnit.PER_SECOND, "UDP datagrams received per second"),
            d(UDP_SENT, MetricUnit.PER_SECOND, "UDP datagrams sent per second"),
            d(UDP_NO_PORT, MetricUnit.PER_SECOND, "UDP datagrams to a port nobody listens on, per second"),
            d(UDP_ERRORS, MetricUnit.PER_SECOND, "UDP receive errors per second"),
            d(PROCESSES, MetricUnit.COUNT, "Processes running"),
            d(PROCESS_STARTS, MetricUnit.PER_SECOND, "Processes and threads started per second (a crash loop restarts one again and again)"),
            d(THREADS, MetricUnit.COUNT, "Threads running"),
            d(FILE_HANDLES, MetricUnit.COUNT, "File handles the kernel has allocated (/proc/sys/fs/file-nr)"),
            d(OPEN_FILES_MAX_PERCENT, MetricUnit.PERCENT,
                    "The highest share of its open-file limit (soft RLIMIT_NOFILE) held by any one process"));

    private HostMetrics() {
    }

    private static MetricDescriptor d(String name, MetricUnit unit, String help) {
        return new MetricDescriptor(name, unit, help);
    }
}
