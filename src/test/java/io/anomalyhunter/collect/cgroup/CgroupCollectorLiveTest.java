package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The collector on this machine's real cgroups: a process burning a CPU in a cgroup the test makes is
 * attributed to that cgroup, within 10 % of what the kernel charged the process itself (/proc/PID/stat).
 * These machines mount v1 with a bare v2 hierarchy beside it, whose cpu.stat counts CPU too: both are read.
 */
class CgroupCollectorLiveTest {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux x86-64

    @Test
    void aBurnerInAHandMadeCgroupIsAttributedToIt() throws Exception {
        CgroupLayout layout = CgroupLayout.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        List<Path> mounts = new ArrayList<>();
        layout.v1().entrySet().stream().filter(e -> List.of("cpuacct", "memory", "pids").contains(e.getKey()))
                .map(java.util.Map.Entry::getValue).distinct().forEach(mounts::add);
        Optional<Path> bareV2 = layout.unified().filter(u -> !mounts.isEmpty());
        bareV2.ifPresent(mounts::add);
        Optional<TestCgroup> made = mounts.isEmpty() ? Optional.empty() : TestCgroup.make(mounts);
        assumeTrue(made.isPresent(), "needs root and writable cgroup hierarchies (mounts: " + mounts + ")");
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try (TestCgroup cg = made.get()) {
            try {
                cg.move(burner.pid());
                CgroupCollector c = CgroupCollector.forHost(ContainerDirectory.NONE);
                List<Sample> first = new ArrayList<>();
                List<Sample> second = new ArrayList<>();
                long ticks0 = cpuTicks(burner.pid());
                long v2Before = bareV2.map(u -> v2Usage(u, cg.name)).orElse(0L);
                Instant t0 = Instant.now();
                c.collect(t0, first::addAll);
                Thread.sleep(2000); // the measurement window, not a wait for a condition
                Instant t1 = Instant.now();
                c.collect(t1, second::addAll);
                long ticks1 = cpuTicks(burner.pid());
                long v2After = bareV2.map(u -> v2Usage(u, cg.name)).orElse(0L);
                assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());

                double seconds = (t1.toEpochMilli() - t0.toEpochMilli()) / 1000.0;
                double kernelPercent = 100.0 * (ticks1 - ticks0) / TICKS_PER_SECOND / seconds;
                double ours = value(second, SeriesKey.of(CgroupMetrics.CPU, "cgroup", "/" + cg.name));
                assertTrue(kernelPercent > 30, "the burner barely ran (" + kernelPercent + " %): machine too busy");
                assertTrue(Math.abs(ours - kernelPercent) <= 0.1 * kernelPercent,
                        "cgroup says " + ours + " %, the kernel charged the process " + kernelPercent + " %");
                if (layout.v1().containsKey("pids")) {
                    assertTrue(value(second, SeriesKey.of(CgroupMetrics.PIDS, "cgroup", "/" + cg.name)) >= 1);
                }
                if (bareV2.isPresent()) {
                    // cgroup v2 read live: the same burn through UnifiedCgroupTree's cpu.stat
                    double v2Percent = 100.0 * (v2After - v2Before) / 1e6 / seconds;
                    assertTrue(Math.abs(v2Percent - kernelPercent) <= 0.1 * kernelPercent,
                            "v2 cpu.stat says " + v2Percent + " %, the kernel charged " + kernelPercent + " %");
                }
            } finally {
                burner.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * A service cgroup made where systemd puts one (system.slice/NAME.service): its burner's CPU is the unit's,
     * and its appearing and going are "unit started" and "unit stopped" in the change feed. (No systemd on these
     * machines: the test plays systemd's part by making and removing the cgroup.)
     */
    @Test
    void aServiceCgroupIsAUnitThatStartsAndStops() throws Exception {
        CgroupLayout layout = CgroupLayout.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        List<Path> mounts = layout.v1().entrySet().stream().filter(e -> List.of("cpuacct", "memory", "pids").contains(e.getKey()))
                .map(java.util.Map.Entry::getValue).distinct().toList();
        assumeTrue(!mounts.isEmpty(), "needs v1 hierarchies (this test reads the v1 side; v2 is covered by fixtures)");
        String unit = "ah-test-" + ProcessHandle.current().pid() + ".service";
        List<Change> changes = new ArrayList<>();
        CgroupCollector c = CgroupCollector.forHost(ContainerDirectory.NONE, changes::add);
        c.collect(Instant.now(), s -> { });
        Optional<TestCgroup> made = TestCgroup.make(mounts, "system.slice/" + unit);
        assumeTrue(made.isPresent(), "needs root and writable cgroup hierarchies (mounts: " + mounts + ")");
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try (TestCgroup cg = made.get()) {
            try {
                cg.move(burner.pid());
                List<Sample> first = new ArrayList<>();
                c.collect(Instant.now(), first::addAll);
                assertEquals(List.of(unit + " started"), changes.stream().map(ch -> ch.subject() + " " + ch.summary()).toList());
                assertEquals(ChangeKind.UNIT, changes.get(0).kind());
                Thread.sleep(1000); // the measurement window, not a wait for a condition
                List<Sample> second = new ArrayList<>();
                c.collect(Instant.now(), second::addAll);
                double cpu = value(second, SeriesKey.of(CgroupMetrics.CPU, "service", unit));
                assertTrue(cpu > 20, "the burner's CPU is the unit's: " + cpu + " %");
            } finally {
                burner.destroyForcibly().waitFor();
            }
        }
        c.collect(Instant.now(), s -> { });
        assertEquals(unit + " stopped (its cgroup is gone)", changes.get(changes.size() - 1).subject() + " "
                + changes.get(changes.size() - 1).summary());
    }

    private static long v2Usage(Path unified, String name) {
        return new UnifiedCgroupTree(unified).read("/" + name, (f, m) -> { }).orElseThrow().cpuMicros();
    }

    private static double value(List<Sample> samples, SeriesKey key) {
        return samples.stream().filter(s -> s.series().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key.text() + " in " + samples.stream().map(s -> s.series().text()).toList()))
                .value();
    }

    /** utime + stime of a process, from /proc/PID/stat (fields 14 and 15, after the parenthesised name). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
