package io.anomalyhunter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's open-file limit (the soft one, which the JVM raises to the hard one at start). */
public final class OpenFileLimit {
    /** Assumed when /proc cannot say: the usual default soft limit. */
    static final long UNKNOWN = 1024;

    private OpenFileLimit() {
    }

    public static long current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return parse(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the assumption
        }
        return UNKNOWN;
    }

    /** The soft limit from a /proc/self/limits line: "Max open files  20000  20000  files". */
    static long parse(String line) {
        String[] f = line.substring("Max open files".length()).trim().split("\\s+");
        return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
    }
}
