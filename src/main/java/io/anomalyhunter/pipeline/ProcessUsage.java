package io.anomalyhunter.pipeline;

import java.util.Objects;

/**
 * What one process was using when a snapshot was taken.
 *
 * @param owner the container, service or cgroup it runs in ("container=web", "service=nginx.service"), or "host"
 * @param ioReadBytesPerSecond {@code -1} where the kernel did not tell us (another user's process, without root)
 */
public record ProcessUsage(int pid, String name, String commandLine, double cpuPercent, long rssBytes,
                           double ioReadBytesPerSecond, double ioWriteBytesPerSecond, String owner) {
    public ProcessUsage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(owner, "owner");
    }
}
