package io.anomalyhunter.collect.host;

import java.util.List;
import java.util.Map;

/**
 * Raw counters and gauges read from the host at one moment, before any rate is computed. CPU ticks are
 * in OSHI's TickType order (user, nice, system, idle, iowait, irq, softirq, steal). {@code fileHandles},
 * {@code openFilesMaxPercent} and {@code processesCreated} (forks since boot) are -1 where they could not be read.
 */
public record HostReading(long[] cpuTicks, double[] loadAverage, long memoryTotal, long memoryAvailable, long swapUsed,
                          List<Disk> disks, List<FileSystem> fileSystems, List<Nic> nics,
                          Map<String, Integer> tcpByState, long tcpRetransmits, long tcpFailures, long tcpResets,
                          long udpReceived, long udpSent, long udpNoPort, long udpErrors, int processes, int threads,
                          long fileHandles, double openFilesMaxPercent, long processesCreated) {

    public HostReading {
        disks = List.copyOf(disks);
        fileSystems = List.copyOf(fileSystems);
        nics = List.copyOf(nics);
        tcpByState = Map.copyOf(tcpByState);
    }

    public record Disk(String name, long readBytes, long writeBytes, long reads, long writes) {
    }

    public record FileSystem(String mount, long totalBytes, long usableBytes) {
    }

    public record Nic(String name, long rxBytes, long txBytes, long rxPackets, long txPackets, long rxErrors,
                      long txErrors, long rxDrops) {
    }
}
