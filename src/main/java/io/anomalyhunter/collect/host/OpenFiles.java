package io.anomalyhunter.collect.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The files a process holds open against its limit, read from procfs. /proc/PID/fd can be listed only for one's own
 * processes without CAP_SYS_PTRACE (the systemd unit does not grant it); for the others the descriptor table's size
 * from /proc/PID/status stands in, an upper bound that grows in steps (64, 128, 256, ...) past the highest
 * descriptor in use, which is enough to see a process near its limit.
 */
public final class OpenFiles {
    /**
     * @param open the descriptors open (or the table size where the list is not readable)
     * @param limit the soft RLIMIT_NOFILE, -1 when unknown or unlimited
     */
    public record Held(long open, long limit) {
        public static final Held UNKNOWN = new Held(-1, -1);

        /** The share of its limit in use, 0..1; 0 when either figure is unknown. */
        public double share() {
            return open < 0 || limit <= 0 ? 0 : Math.min(1, (double) open / limit);
        }
    }

    private OpenFiles() {
    }

    /** What the process at {@code procPid} (a /proc/PID directory) holds; {@link Held#UNKNOWN} when it is gone. */
    public static Held of(Path procPid) {
        long limit = limit(procPid);
        long open = open(procPid);
        return open < 0 ? Held.UNKNOWN : new Held(open, limit);
    }

    /** The descriptors open in {@code procPid} (its table size where they cannot be listed); -1 when it is gone. */
    static long open(Path procPid) {
        try (Stream<Path> fds = Files.list(procPid.resolve("fd"))) {
            return fds.count();
        } catch (IOException | SecurityException e) {
            // another user's process without CAP_SYS_PTRACE: the table size, readable by all
        }
        try {
            return ProcFacts.fdTableSize(Files.readString(procPid.resolve("status"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return -1;
        }
    }

    /** The soft open-files limit of {@code procPid}; -1 when unknown, unlimited or gone. */
    static long limit(Path procPid) {
        try {
            return ProcFacts.openFilesLimit(Files.readString(procPid.resolve("limits"), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return -1;
        }
    }
}
