package io.anomalyhunter.collect.host;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * Reads the host. OSHI finds what there is (network interfaces, disks, mounted filesystems, and counts
 * processes); the per-poll counters come straight from the kernel's tables in /proc, one read per file
 * ({@link ProcFiles} says why), and filesystem usage from statvfs. The mount list is refreshed every few
 * minutes and interfaces and disks at start (a new NIC appears after a restart). TCP connections by state
 * are counted at most every 10 s and repeated in between: /proc/net/tcp walks the kernel's whole
 * connection hash table, which is sized by memory (~5 ms for tcp and ~7 ms for tcp6 on a 24 GiB host
 * with a handful of sockets). The busiest process's share of its open-file limit is read every 10 s
 * (OpenFilesWatch).
 */
public final class ProcfsHostReader {
    private static final Path PROC = Path.of("/proc");
    private static final long MOUNT_REFRESH_MS = 300_000;
    private static final long TCP_STATE_REFRESH_MS = 10_000;
    /** Every process's descriptors: about 1.2 ms per hundred processes here, so not every poll. */
    private static final long OPEN_FILES_REFRESH_MS = 10_000;

    private final OperatingSystem os;
    private final Set<String> diskNames = new LinkedHashSet<>();
    private final Set<String> nicNames = new LinkedHashSet<>();
    private List<String> mounts = List.of();
    private long mountsReadAt;
    private Map<String, Integer> tcpStates = Map.of();
    private long tcpStatesReadAt;
    private final OpenFilesWatch openFiles = new OpenFilesWatch(PROC);
    private double openFilesMaxPercent = -1;
    private long openFilesReadAt;

    /** @throws IllegalStateException when this host has no Linux procfs */
    public ProcfsHostReader() {
        if (!Files.isReadable(PROC.resolve("stat"))) {
            throw new IllegalStateException("no Linux /proc here (/proc/stat is not readable)");
        }
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        this.os = si.getOperatingSystem();
        for (HWDiskStore d : hal.getDiskStores()) {
            String name = d.getName().replace("/dev/", "");
            if (!name.startsWith("loop") && !name.startsWith("ram")) { // noise on an appliance
                diskNames.add(name);
            }
        }
        for (NetworkIF n : hal.getNetworkIFs(true)) { // true: include loopback, where local attacks land
            nicNames.add(n.getName());
        }
    }

    public HostReading read() {
        String loadavg = proc("loadavg");
        Map<String, Long> mem = ProcFiles.meminfo(proc("meminfo"));
        Map<String, Long> snmp = ProcFiles.snmp(proc("net/snmp"));
        Map<String, Long> snmp6 = Files.isReadable(PROC.resolve("net/snmp6")) ? ProcFiles.snmp(proc("net/snmp6")) : Map.of();
        long memTotal = mem.getOrDefault("MemTotal", 0L);
        String stat = proc("stat");
        return new HostReading(ProcFiles.cpuTicks(stat), ProcFiles.loadAverage(loadavg), memTotal,
                mem.getOrDefault("MemAvailable", memTotal),
                mem.getOrDefault("SwapTotal", 0L) - mem.getOrDefault("SwapFree", 0L),
                ProcFiles.parseDiskStats(proc("diskstats"), diskNames), fileSystems(),
                ProcFiles.netDev(proc("net/dev"), nicNames::contains), tcpStates(),
                snmp.getOrDefault("Tcp.RetransSegs", 0L), snmp.getOrDefault("Tcp.AttemptFails", 0L),
                snmp.getOrDefault("Tcp.OutRsts", 0L),
                snmp.getOrDefault("Udp.InDatagrams", 0L) + snmp6.getOrDefault("Udp6InDatagrams", 0L),
                snmp.getOrDefault("Udp.OutDatagrams", 0L) + snmp6.getOrDefault("Udp6OutDatagrams", 0L),
                snmp.getOrDefault("Udp.NoPorts", 0L) + snmp6.getOrDefault("Udp6NoPorts", 0L),
                snmp.getOrDefault("Udp.InErrors", 0L) + snmp6.getOrDefault("Udp6InErrors", 0L),
                os.getProcessCount(), ProcFiles.threads(loadavg), fileHandles(), openFilesMaxPercent(),
                ProcFiles.processesCreated(stat));
    }

    private static long fileHandles() {
        try {
            return ProcFiles.fileHandles(Files.readString(PROC.resolve("sys/fs/file-nr")));
        } catch (IOException e) {
            return -1;
        }
    }

    private double openFilesMaxPercent() {
        long now = System.currentTimeMillis();
        if (now - openFilesReadAt >= OPEN_FILES_REFRESH_MS) {
            openFilesMaxPercent = openFiles.busiestPercent(now);
            openFilesReadAt = now;
        }
        return openFilesMaxPercent;
    }

    private static String proc(String file) {
        try {
            return Files.readString(PROC.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/" + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Integer> tcpStates() {
        long now = System.currentTimeMillis();
        if (now - tcpStatesReadAt >= TCP_STATE_REFRESH_MS) {
            Map<String, Integer> counts = ProcFiles.emptyTcpStates();
            ProcFiles.countTcpStates(proc("net/tcp"), counts);
            if (Files.isReadable(PROC.resolve("net/tcp6"))) {
                ProcFiles.countTcpStates(proc("net/tcp6"), counts);
            }
            tcpStates = counts;
            tcpStatesReadAt = now;
        }
        return tcpStates;
    }

    private List<HostReading.FileSystem> fileSystems() {
        long now = System.currentTimeMillis();
        if (now - mountsReadAt > MOUNT_REFRESH_MS) {
            List<String> m = new ArrayList<>();
            for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
                m.add(store.getMount());
            }
            mounts = m;
            mountsReadAt = now;
        }
        List<HostReading.FileSystem> out = new ArrayList<>(mounts.size());
        for (String mount : mounts) {
            File f = new File(mount);
            long total = f.getTotalSpace(); // statvfs; 0 when the mount went away
            if (total > 0) {
                out.add(new HostReading.FileSystem(mount, total, f.getUsableSpace()));
            }
        }
        return out;
    }
}
