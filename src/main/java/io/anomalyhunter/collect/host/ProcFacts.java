package io.anomalyhunter.collect.host;

import java.util.Optional;

/** Parsers for the per-process procfs files (the change feed, process snapshots). Pure. */
public final class ProcFacts {
    private ProcFacts() {
    }

    /**
     * What /proc/PID/stat tells: the name (between the outer parentheses), the parent, the CPU time used (user
     * and system, in clock ticks), the start time in ticks since boot, and the resident set in pages.
     */
    public record Stat(String comm, int ppid, long cpuTicks, long startTicks, long rssPages) {
    }

    public static Optional<Stat> stat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > text.length()) {
            return Optional.empty();
        }
        String[] f = text.substring(close + 2).strip().split(" ");
        if (f.length < 22) {
            return Optional.empty();
        }
        try {
            // after the name: state(0) ppid(1) ... utime(11) stime(12) ... starttime(19) vsize(20) rss(21)
            return Optional.of(new Stat(text.substring(open + 1, close), Integer.parseInt(f[1]),
                    Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[19]), Long.parseLong(f[21])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The real uid from /proc/PID/status ("Uid:\t0\t0\t0\t0"), -1 when absent. */
    public static int uid(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                try {
                    return Integer.parseInt(f[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * The soft limit on open files from /proc/PID/limits ("Max open files  1024  524288  files"); -1 when absent or
     * unlimited.
     */
    public static long openFilesLimit(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).strip().split("\\s+");
                try {
                    return Long.parseLong(f[0]);
                } catch (NumberFormatException e) {
                    return -1; // "unlimited"
                }
            }
        }
        return -1;
    }

    /**
     * The size of the file descriptor table from /proc/PID/status ("FDSize:\t256"), -1 when absent. It grows in
     * steps past the highest descriptor in use, so it bounds the open files from above; unlike /proc/PID/fd it is
     * readable for every process without privileges.
     */
    public static long fdTableSize(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("FDSize:")) {
                try {
                    return Long.parseLong(line.substring(7).strip());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Whether a descriptor is open for writing, from /proc/PID/fdinfo/N ("flags:\t0100001", octal open(2) flags:
     * the access mode is the low two bits, O_RDONLY 0).
     */
    public static boolean openForWriting(String fdinfo) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith("flags:")) {
                try {
                    return (Long.parseLong(line.substring(6).strip(), 8) & 3) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** /proc/PID/cmdline: NUL-separated arguments, as one line, cut at {@code max} characters. */
    public static String commandLine(byte[] raw, int max) {
        int n = raw.length;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        StringBuilder b = new StringBuilder(Math.min(n, max));
        for (int i = 0; i < n && b.length() < max; i++) {
            char c = (char) (raw[i] & 0xff);
            b.append(c == 0 ? ' ' : c < 0x20 ? '?' : c);
        }
        return n > max ? b + "..." : b.toString();
    }

    /** uid to name from /etc/passwd text. */
    public static java.util.Map<Integer, String> users(String passwd) {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        for (String line : passwd.split("\n")) {
            String[] f = line.split(":");
            if (f.length >= 3) {
                try {
                    out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                } catch (NumberFormatException e) {
                    // a malformed line names nobody
                }
            }
        }
        return out;
    }
}
