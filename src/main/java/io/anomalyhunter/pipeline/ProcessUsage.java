package io.anomalyhunter.pipeline;

import java.util.Objects;

/**
 * What one process was using when a snapshot was taken.
 *
 * @param owner the container, service or cgroup it runs in ("container=web", "service=nginx.service"), or "host"
 * @param ioReadBytesPerSecond {@code -1} where the kernel did not tell us (another user's process, without root)
 * @param openFiles descriptors open (or the descriptor table's size where they cannot be listed); -1 unknown
 * @param openFilesLimit the soft limit on open files; -1 unknown or unlimited (0 in snapshots stored before it was kept)
 * @param rssGrowthBytesPerSecond how fast its resident set grew over the snapshot's window (negative: shrank)
 * @param writtenFile the largest regular file it held open for writing, for a process that was writing; "" none or
 *                    unknown (and in snapshots stored before it was kept)
 * @param writtenFileBytes that file's size then; -1 unknown
 */
public record ProcessUsage(int pid, String name, String commandLine, double cpuPercent, long rssBytes,
                           double ioReadBytesPerSecond, double ioWriteBytesPerSecond, String owner, long openFiles,
                           long openFilesLimit, double rssGrowthBytesPerSecond, String writtenFile, long writtenFileBytes) {
    public ProcessUsage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(owner, "owner");
        writtenFile = writtenFile == null ? "" : writtenFile;
    }

    /** A process known not to be writing a file. */
    public ProcessUsage(int pid, String name, String commandLine, double cpuPercent, long rssBytes,
                        double ioReadBytesPerSecond, double ioWriteBytesPerSecond, String owner, long openFiles,
                        long openFilesLimit, double rssGrowthBytesPerSecond) {
        this(pid, name, commandLine, cpuPercent, rssBytes, ioReadBytesPerSecond, ioWriteBytesPerSecond, owner, openFiles,
                openFilesLimit, rssGrowthBytesPerSecond, "", -1);
    }
}
