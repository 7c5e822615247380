package io.anomalyhunter.collect.cgroup;

import java.util.HashMap;
import java.util.Map;

/**
 * Parsers for the cgroup files we read, v1 and v2. Pure functions of the file text. Content that does not
 * parse throws {@link MalformedCgroupFileException}, naming the line, so the caller can skip that figure.
 */
final class CgroupFiles {
    /** v1 prints "no limit" as the largest page-aligned long; anything this big is no limit at all. */
    private static final long V1_NO_LIMIT = 1L << 62;

    private CgroupFiles() {
    }

    /** A file holding one number ({@code cpuacct.usage}, {@code memory.current}); v2's "max" is no limit. */
    static long single(String text) {
        String t = text.strip();
        if (t.equals("max")) {
            return CgroupStats.UNKNOWN;
        }
        long v = number(t, t);
        return v >= V1_NO_LIMIT ? CgroupStats.UNKNOWN : v;
    }

    /** "key value" lines ({@code cpu.stat}, {@code memory.events}, {@code memory.oom_control}). */
    static Map<String, Long> keyed(String text) {
        Map<String, Long> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            int sp = l.indexOf(' ');
            if (sp <= 0) {
                throw new MalformedCgroupFileException("expected 'key value', got '" + l + "'");
            }
            out.put(l.substring(0, sp), number(l.substring(sp + 1).strip(), l));
        }
        return out;
    }

    /** IO totals over all devices: {read bytes, write bytes, reads, writes}. */
    record Io(long readBytes, long writeBytes, long reads, long writes) {
    }

    /** v2 {@code io.stat}: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" per device. */
    static Io v2Io(String text) {
        long rb = 0, wb = 0, r = 0, w = 0;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq <= 0) {
                    throw new MalformedCgroupFileException("expected 'key=value', got '" + f[i] + "' in '" + line.strip() + "'");
                }
                long v = number(f[i].substring(eq + 1), line.strip());
                switch (f[i].substring(0, eq)) {
                    case "rbytes" -> rb += v;
                    case "wbytes" -> wb += v;
                    case "rios" -> r += v;
                    case "wios" -> w += v;
                    default -> { } // discards and newer keys
                }
            }
        }
        return new Io(rb, wb, r, w);
    }

    /**
     * v1 {@code blkio.throttle.io_service_bytes} or {@code io_serviced}: "8:0 Read 123" per device and
     * operation, then "Total N". Returns {read, write} summed over devices (the throttle files count every
     * IO the cgroup issued, whatever the scheduler, unlike {@code blkio.io_service_bytes}).
     */
    static long[] v1Blkio(String text) {
        long read = 0, write = 0;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 3) {
                continue; // "Total N" and blank lines
            }
            long v = number(f[2], line.strip());
            if (f[1].equals("Read")) {
                read += v;
            } else if (f[1].equals("Write")) {
                write += v;
            }
        }
        return new long[] {read, write};
    }

    private static long number(String s, String line) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MalformedCgroupFileException("'" + s + "' is not a number in '" + line + "'");
        }
    }
}
