package io.anomalyhunter.collect.cgroup;

import static io.anomalyhunter.collect.cgroup.CgroupStats.UNKNOWN;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** cgroup v2: one hierarchy, every controller's files in each cgroup's directory. */
final class UnifiedCgroupTree implements CgroupTree {
    private final Path mount;

    UnifiedCgroupTree(Path mount) {
        this.mount = mount;
    }

    @Override
    public String describe() {
        return "cgroup v2 at " + mount;
    }

    @Override
    public List<String> children(String path) {
        return CgroupFileReader.subdirectories(CgroupFileReader.dir(mount, path));
    }

    @Override
    public Optional<CgroupStats> read(String path, Problems problems) {
        Path dir = CgroupFileReader.dir(mount, path);
        Optional<String> cpuStat = CgroupFileReader.text(dir.resolve("cpu.stat"));
        if (cpuStat.isEmpty()) {
            return Optional.empty(); // cpu.stat is always there in v2 (core file): the cgroup is gone
        }
        FileFigures f = new FileFigures(dir, problems);
        Map<String, Long> cpu = f.keyed("cpu.stat");
        Map<String, Long> events = f.keyed("memory.events");
        CgroupFiles.Io io = f.io();
        return Optional.of(new CgroupStats(cpu.getOrDefault("usage_usec", UNKNOWN), cpu.getOrDefault("nr_periods", UNKNOWN),
                cpu.getOrDefault("nr_throttled", UNKNOWN), f.single("memory.current"), f.single("memory.max"),
                events.getOrDefault("max", UNKNOWN), events.getOrDefault("oom_kill", UNKNOWN),
                io == null ? UNKNOWN : io.readBytes(), io == null ? UNKNOWN : io.writeBytes(),
                io == null ? UNKNOWN : io.reads(), io == null ? UNKNOWN : io.writes(), f.single("pids.current")));
    }

    @Override
    public OptionalInt anyPid(String path) {
        return CgroupFileReader.anyPid(CgroupFileReader.dir(mount, path), 2);
    }
}
