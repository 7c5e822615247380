package io.anomalyhunter.rca;

import java.util.Locale;

/** What a metric measures, read from its name: the resource a cause would be using up or moving. */
enum Resource {
    CPU, MEMORY, DISK_SPACE, DISK_IO, OPEN_FILES, NETWORK, ATTACK, MODEL, OTHER;

    /**
     * What an anomaly is about: its metric's resource, or for the host model's anomaly that of the series its
     * explanation says moved most ("moved most: cgroup_memory_bytes{...} ..." is about memory).
     */
    static Resource of(String metric, String reason) {
        Resource r = of(metric);
        String lead = "moved most: ";
        if (r != MODEL || !reason.startsWith(lead)) {
            return r;
        }
        String moved = reason.substring(lead.length()).split("[{ ;]", 2)[0];
        Resource m = of(moved);
        return m == MODEL || m == ATTACK ? MODEL : m;
    }

    static Resource of(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.equals("net_attack")) {
            return ATTACK;
        }
        if (m.startsWith("host_model")) {
            return MODEL;
        }
        if (m.contains("open_files") || m.contains("file_handles") || m.contains("file_descriptors") || m.contains("_fds")) {
            return OPEN_FILES;
        }
        if (m.contains("filesystem") || m.contains("_fs_")) {
            return DISK_SPACE;
        }
        if (m.contains("memory") || m.contains("swap")) {
            return MEMORY;
        }
        if (m.contains("cpu") || m.contains("load")) {
            return CPU;
        }
        if (m.contains("disk") || m.contains("_io_")) {
            return DISK_IO;
        }
        if (m.contains("network") || m.startsWith("net_") || m.contains("tcp") || m.contains("udp")) {
            return NETWORK;
        }
        return OTHER;
    }
}
