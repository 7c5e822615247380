package io.anomalyhunter.collect.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    /** A file a process holds open for writing, and its size now (a deleted file's path ends in " (deleted)"). */
    public record Written(String path, long bytes) {
    }

    /** Descriptors looked at per process for {@link #largestWritten}: bounds the cost of one that holds thousands. */
    static final int MAX_DESCRIPTORS = 4096;

    private OpenFiles() {
    }

    /**
     * The largest regular file {@code procPid} holds open for writing: where a disk is filling, the file it grows.
     * Empty when it holds none, or its descriptors cannot be read (another user's process without CAP_SYS_PTRACE).
     */
    public static Optional<Written> largestWritten(Path procPid) {
        Written best = null;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procPid.resolve("fd"))) {
            int seen = 0;
            for (Path fd : fds) {
                if (++seen > MAX_DESCRIPTORS) {
                    break;
                }
                Written w = written(procPid, fd);
                if (w != null && (best == null || w.bytes() > best.bytes())) {
                    best = w;
                }
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(best);
    }

    private static Written written(Path procPid, Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (!target.startsWith("/") || target.startsWith("/dev/") || target.startsWith("/proc/") || target.startsWith("/sys/")
                    || !ProcFacts.openForWriting(Files.readString(procPid.resolve("fdinfo").resolve(fd.getFileName()),
                    StandardCharsets.ISO_8859_1))) {
                return null;
            }
            // the descriptor's own link reaches the open file, even one deleted while held
            return Files.isRegularFile(fd) ? new Written(target, Files.size(fd)) : null;
        } catch (IOException | SecurityException e) {
            return null; // closed meanwhile
        }
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
