package io.anomalyhunter.collect.cgroup;

import static io.anomalyhunter.collect.cgroup.CgroupStats.UNKNOWN;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * cgroup v1: one hierarchy per controller (or per group of co-mounted controllers), each with its own
 * tree. A cgroup exists where any of the controllers we read has it; each figure comes from its
 * controller's tree and is unknown where that tree lacks the cgroup.
 */
final class SplitCgroupTree implements CgroupTree {
    private static final List<String> READ = List.of("cpuacct", "cpu", "memory", "blkio", "pids");
    private final Map<String, Path> mounts;

    SplitCgroupTree(Map<String, Path> mounts) {
        this.mounts = Map.copyOf(mounts);
    }

    @Override
    public String describe() {
        return "cgroup v1 at " + distinctMounts();
    }

    private List<Path> distinctMounts() {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String c : READ) {
            if (mounts.containsKey(c)) {
                dirs.add(mounts.get(c));
            }
        }
        return new ArrayList<>(dirs);
    }

    @Override
    public List<String> children(String path) {
        Set<String> names = new LinkedHashSet<>();
        for (Path m : distinctMounts()) {
            names.addAll(CgroupFileReader.subdirectories(CgroupFileReader.dir(m, path)));
        }
        return new ArrayList<>(names);
    }

    @Override
    public Optional<CgroupStats> read(String path, Problems problems) {
        FileFigures cpuacct = figures("cpuacct", path, problems);
        FileFigures cpu = figures("cpu", path, problems);
        FileFigures memory = figures("memory", path, problems);
        FileFigures blkio = figures("blkio", path, problems);
        FileFigures pids = figures("pids", path, problems);
        long usageNanos = cpuacct == null ? UNKNOWN : cpuacct.single("cpuacct.usage");
        long memoryBytes = memory == null ? UNKNOWN : memory.single("memory.usage_in_bytes");
        if (usageNanos == UNKNOWN && memoryBytes == UNKNOWN) {
            return Optional.empty(); // in neither tree: gone
        }
        Map<String, Long> cpuStat = cpu == null ? Map.of() : cpu.keyed("cpu.stat");
        Map<String, Long> oom = memory == null ? Map.of() : memory.keyed("memory.oom_control");
        long[] bytes = blkio == null ? null : blkio.blkio("blkio.throttle.io_service_bytes");
        long[] ops = blkio == null ? null : blkio.blkio("blkio.throttle.io_serviced");
        return Optional.of(new CgroupStats(usageNanos == UNKNOWN ? UNKNOWN : usageNanos / 1000,
                cpuStat.getOrDefault("nr_periods", UNKNOWN), cpuStat.getOrDefault("nr_throttled", UNKNOWN), memoryBytes,
                memory == null ? UNKNOWN : memory.single("memory.limit_in_bytes"),
                memory == null ? UNKNOWN : memory.single("memory.failcnt"), oom.getOrDefault("oom_kill", UNKNOWN),
                bytes == null ? UNKNOWN : bytes[0], bytes == null ? UNKNOWN : bytes[1],
                ops == null ? UNKNOWN : ops[0], ops == null ? UNKNOWN : ops[1],
                pids == null ? UNKNOWN : pids.single("pids.current")));
    }

    private FileFigures figures(String controller, String path, Problems problems) {
        Path mount = mounts.get(controller);
        return mount == null ? null : new FileFigures(CgroupFileReader.dir(mount, path), problems);
    }

    @Override
    public OptionalInt anyPid(String path) {
        for (Path m : distinctMounts()) {
            OptionalInt pid = CgroupFileReader.anyPid(CgroupFileReader.dir(m, path), 2);
            if (pid.isPresent()) {
                return pid;
            }
        }
        return OptionalInt.empty();
    }
}
