package io.anomalyhunter.collect.change;

import java.util.Optional;

/** Parsers for the per-process procfs files the change feed reads. Pure. */
final class ProcFacts {
    private ProcFacts() {
    }

    /** What /proc/PID/stat tells: the name (between the outer parentheses), parent, and start time in ticks. */
    record Stat(String comm, int ppid, long startTicks) {
    }

    static Optional<Stat> stat(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > text.length()) {
            return Optional.empty();
        }
        String[] f = text.substring(close + 2).strip().split(" ");
        if (f.length < 20) {
            return Optional.empty();
        }
        try {
            // after the name: state(0) ppid(1) ... starttime is field 22 of the line, index 19 here
            return Optional.of(new Stat(text.substring(open + 1, close), Integer.parseInt(f[1]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The real uid from /proc/PID/status ("Uid:\t0\t0\t0\t0"), -1 when absent. */
    static int uid(String status) {
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

    /** /proc/PID/cmdline: NUL-separated arguments, as one line, cut at {@code max} characters. */
    static String commandLine(byte[] raw, int max) {
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
    static java.util.Map<Integer, String> users(String passwd) {
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
