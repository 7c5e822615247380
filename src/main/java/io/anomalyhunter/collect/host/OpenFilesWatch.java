package io.anomalyhunter.collect.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The highest share of its open-file limit that any process holds, read across procfs. Each process's limit is kept
 * for {@link #LIMIT_TTL_MS}: /proc/PID/limits is the dearest file here (about 20 µs against 10 µs for listing the
 * descriptors) and a limit rarely changes. Not thread-safe.
 */
public final class OpenFilesWatch {
    static final long LIMIT_TTL_MS = 60_000;
    private final Path proc;
    private final Map<String, long[]> limits = new HashMap<>(); // pid -> {limit, read at}

    public OpenFilesWatch(Path proc) {
        this.proc = proc;
    }

    /** The busiest process's share in percent; -1 when procfs cannot be listed. */
    public double busiestPercent(long nowMillis) {
        double max = 0;
        Set<String> seen = new HashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, OpenFilesWatch::isPid)) {
            for (Path d : dirs) {
                String pid = d.getFileName().toString();
                seen.add(pid);
                long[] l = limits.get(pid);
                if (l == null || nowMillis - l[1] >= LIMIT_TTL_MS) {
                    l = new long[] {OpenFiles.limit(d), nowMillis};
                    limits.put(pid, l);
                }
                max = Math.max(max, new OpenFiles.Held(l[0] < 0 ? -1 : OpenFiles.open(d), l[0]).share());
            }
        } catch (IOException e) {
            return -1;
        }
        limits.keySet().retainAll(seen);
        return 100 * max;
    }

    private static boolean isPid(Path p) {
        String name = p.getFileName().toString();
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
