package io.anomalyhunter.collect.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsers for the procfs files the host collector reads on every poll. OSHI reads the same files, but
 * one figure at a time and with extra work: its connection list maps every socket to a process by walking
 * /proc/[pid]/fd (~19 ms here), its disk update re-enumerates devices through udev (~5 ms), and the rest
 * add up to ~10 ms a poll — over 1 % of a core at a 1 s interval. Reading each kernel table once costs
 * well under a millisecond. Pure functions of the file text; no I/O here.
 */
public final class ProcFiles {
    /** The kernel's TCP state numbers (include/net/tcp_states.h) and our names for them. */
    private static final String[] TCP_STATES = {null, "established", "syn_sent", "syn_recv", "fin_wait_1",
            "fin_wait_2", "time_wait", "close", "close_wait", "last_ack", "listen", "closing"};

    private ProcFiles() {
    }

    /** The aggregate "cpu" line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal. */
    public static long[] cpuTicks(String procStat) {
        String first = procStat.substring(0, Math.max(0, procStat.indexOf('\n')));
        String[] f = first.trim().split("\\s+");
        if (f.length < 9 || !f[0].equals("cpu")) {
            throw new IllegalArgumentException("/proc/stat does not start with the cpu line: '" + first + "'");
        }
        long[] ticks = new long[8];
        for (int i = 0; i < 8; i++) {
            ticks[i] = Long.parseLong(f[i + 1]);
        }
        return ticks;
    }

    /** The processes (and threads) created since boot, the "processes" line of /proc/stat; -1 when absent. */
    public static long processesCreated(String procStat) {
        int at = procStat.indexOf("\nprocesses ");
        if (at < 0) {
            return -1;
        }
        int end = procStat.indexOf('\n', at + 1);
        try {
            return Long.parseLong(procStat.substring(at + 11, end < 0 ? procStat.length() : end).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The file handles the kernel has allocated, from /proc/sys/fs/file-nr ("allocated free max"); -1 if unparsable. */
    public static long fileHandles(String fileNr) {
        String[] f = fileNr.strip().split("\\s+");
        try {
            return Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The three load averages of /proc/loadavg. */
    public static double[] loadAverage(String loadavg) {
        String[] f = loadavg.trim().split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    /** The number of threads (scheduling entities) from the "running/total" field of /proc/loadavg. */
    public static int threads(String loadavg) {
        String[] f = loadavg.trim().split("\\s+");
        return Integer.parseInt(f[3].substring(f[3].indexOf('/') + 1));
    }

    /** The kB values of /proc/meminfo, in bytes, by name (MemTotal, MemAvailable, SwapTotal, SwapFree, ...). */
    public static Map<String, Long> meminfo(String content) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            try {
                long v = Long.parseLong(f[0]);
                out.put(line.substring(0, colon), f.length > 1 && f[1].equals("kB") ? v * 1024 : v);
            } catch (NumberFormatException ignored) {
                // not a number; not a field we use
            }
        }
        return out;
    }

    /** Per-interface counters from /proc/net/dev for the interfaces {@code wanted} accepts. */
    public static List<HostReading.Nic> netDev(String content, java.util.function.Predicate<String> wanted) {
        List<HostReading.Nic> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue; // the two header lines
            }
            String name = line.substring(0, colon).trim();
            if (!wanted.test(name)) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 11) {
                continue;
            }
            out.add(new HostReading.Nic(name, Long.parseLong(f[0]), Long.parseLong(f[8]), Long.parseLong(f[1]),
                    Long.parseLong(f[9]), Long.parseLong(f[2]), Long.parseLong(f[10]), Long.parseLong(f[3])));
        }
        return out;
    }

    /**
     * The counters of /proc/net/snmp ("Tcp: RetransSegs ..." header lines followed by value lines) and
     * /proc/net/snmp6 ("Udp6InDatagrams 12" lines), as "Tcp.RetransSegs", "Udp6InDatagrams".
     */
    public static Map<String, Long> snmp(String content) {
        Map<String, Long> out = new LinkedHashMap<>();
        String[] lines = content.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length == 2 && !f[0].endsWith(":")) {
                parseInto(out, f[0], f[1]);
            } else if (f.length > 1 && f[0].endsWith(":") && i + 1 < lines.length) {
                String[] values = lines[i + 1].trim().split("\\s+");
                if (values[0].equals(f[0]) && values.length == f.length && !isNumber(f[1])) {
                    String prefix = f[0].substring(0, f[0].length() - 1);
                    for (int k = 1; k < f.length; k++) {
                        parseInto(out, prefix + "." + f[k], values[k]);
                    }
                    i++;
                }
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-');
    }

    private static void parseInto(Map<String, Long> out, String key, String value) {
        try {
            out.put(key, Long.parseLong(value));
        } catch (NumberFormatException ignored) {
            // a counter we cannot read is left out rather than reported as zero
        }
    }

    /** A map with every TCP state at zero, in the kernel's order, so each series exists from the start. */
    public static Map<String, Integer> emptyTcpStates() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 1; i < TCP_STATES.length; i++) {
            m.put(TCP_STATES[i], 0);
        }
        return m;
    }

    /** Adds the sockets of one /proc/net/tcp or tcp6 table to {@code counts} by state. */
    public static void countTcpStates(String table, Map<String, Integer> counts) {
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            try {
                int state = Integer.parseInt(f[3], 16);
                if (state > 0 && state < TCP_STATES.length) {
                    counts.merge(TCP_STATES[state], 1, Integer::sum);
                }
            } catch (NumberFormatException ignored) {
                // a malformed line in a kernel table: skip it rather than lose the whole reading
            }
        }
    }

    /**
     * Reads /proc/diskstats for the named devices: completed reads and writes and bytes (sectors are
     * always 512 bytes in this file, whatever the device's sector size).
     */
    public static List<HostReading.Disk> parseDiskStats(String content, Set<String> devices) {
        List<HostReading.Disk> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !devices.contains(f[2])) {
                continue;
            }
            try {
                long reads = Long.parseLong(f[3]);
                long sectorsRead = Long.parseLong(f[5]);
                long writes = Long.parseLong(f[7]);
                long sectorsWritten = Long.parseLong(f[9]);
                out.add(new HostReading.Disk(f[2], sectorsRead * 512, sectorsWritten * 512, reads, writes));
            } catch (NumberFormatException ignored) {
                // skip a line we cannot read; the device reappears on the next poll
            }
        }
        return out;
    }
}
