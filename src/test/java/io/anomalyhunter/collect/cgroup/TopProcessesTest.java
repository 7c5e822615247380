package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.pipeline.ProcessUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopProcessesTest {
    private static final String ID = "0123456789abcdef".repeat(4);

    @Test
    void ownersFromProcCgroup() {
        ContainerDirectory named = (runtime, id) -> Optional.of(new ContainerDirectory.Container(id, "web", "nginx", Map.of()));
        assertEquals("container=web", TopProcesses.ownerOf("0::/system.slice/docker-" + ID + ".scope\n", named));
        assertEquals("container=" + ID.substring(0, 12), TopProcesses.ownerOf("4:memory:/docker/" + ID + "\n2:cpuacct:/docker/" + ID
                + "\n0::/\n", ContainerDirectory.NONE), "v1 (the v2 line at / says nothing)");
        assertEquals("service=nginx.service", TopProcesses.ownerOf("0::/system.slice/nginx.service\n", named));
        assertEquals("cgroup=/batch", TopProcesses.ownerOf("0::/batch/job-7\n", named));
        assertEquals("host", TopProcesses.ownerOf("0::/user.slice/user-1000.slice/session-1.scope\n", named));
        assertEquals("host", TopProcesses.ownerOf("", named));
    }

    /** A burner in a cgroup the test makes tops the list, attributed to that cgroup. */
    /** The group the daemon runs in: its own series, which its own heavy work moves. */
    @Test
    void theDaemonsOwnGroupFromProcSelf(@org.junit.jupiter.api.io.TempDir Path proc) throws Exception {
        java.nio.file.Files.createDirectories(proc.resolve("self"));
        java.nio.file.Files.writeString(proc.resolve("self/cgroup"), "0::/system.slice/anomaly-hunter.service\n");
        assertEquals(java.util.Optional.of(java.util.Map.entry("service", "anomaly-hunter.service")), TopProcesses.ownGroup(proc));
        java.nio.file.Files.writeString(proc.resolve("self/cgroup"), "0::/user.slice/user-0.slice/session-3.scope\n");
        assertEquals(java.util.Optional.empty(), TopProcesses.ownGroup(proc), "started by hand in a session");
        java.nio.file.Files.writeString(proc.resolve("self/cgroup"), "0::/system.slice/docker-" + ID + ".scope\n");
        assertEquals(java.util.Optional.empty(), TopProcesses.ownGroup(proc), "in a container");
        assertTrue(TopProcesses.ownGroup(proc.resolve("missing")).isEmpty());
    }

    @Test
    void theBurnerTopsTheListWithItsCgroup() throws Exception {
        CgroupLayout layout = CgroupLayout.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        Path memory = layout.v1().get("memory");
        Optional<TestCgroup> made = memory == null ? Optional.empty() : TestCgroup.make(List.of(memory));
        assumeTrue(made.isPresent(), "needs root and a writable v1 memory hierarchy");
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try (TestCgroup cg = made.get()) {
            try {
                cg.move(burner.pid());
                List<ProcessUsage> top = new TopProcesses(Path.of("/proc"), ContainerDirectory.NONE).top(5);
                ProcessUsage mine = top.stream().filter(p -> p.pid() == burner.pid()).findFirst()
                        .orElseThrow(() -> new AssertionError("the burner is not among the top 5: " + top));
                assertTrue(mine.cpuPercent() > 30, mine.toString());
                assertEquals("cgroup=/" + cg.name, mine.owner());
                assertTrue(mine.commandLine().contains("while"), mine.commandLine());
            } finally {
                burner.destroyForcibly().waitFor();
            }
        }
    }

    /** A process idle on the CPU but holding most of its open-file limit is in the snapshot, with its figures. */
    @Test
    void aProcessHoldingManyFilesIsInTheSnapshotThoughIdle() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import resource,sys,time\n"
                + "resource.setrlimit(resource.RLIMIT_NOFILE,(1024,1024))\n"
                + "fs=[open('/dev/null') for _ in range(900)]\nprint('ready',flush=True)\ntime.sleep(60)").start();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine());
            List<ProcessUsage> top = new TopProcesses(Path.of("/proc"), ContainerDirectory.NONE).top(5);
            ProcessUsage mine = top.stream().filter(p -> p.pid() == holder.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the holder is not in the snapshot: " + top));
            assertTrue(mine.openFiles() >= 900 && mine.openFiles() <= 1024, mine.toString());
            assertEquals(1024, mine.openFilesLimit(), mine.toString());
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    /** A process writing a file is in the snapshot with the file it grows (the largest it holds open for writing). */
    @Test
    void aWriterIsSeenWithTheFileItGrows(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        Path small = dir.resolve("small.log");
        Path big = dir.resolve("big.dat");
        Process writer = new ProcessBuilder("/usr/bin/python3", "-c", ("import os,time\nr=open('/etc/hostname')\n"
                + "s=open('%s','w')\nb=open('%s','wb')\nprint('ready',flush=True)\nwhile True:\n"
                + " b.write(os.urandom(1<<20)); b.flush(); os.fsync(b.fileno()); time.sleep(0.02)").formatted(small, big)).start();
        try {
            assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream())).readLine());
            Thread.sleep(300);
            List<ProcessUsage> top = new TopProcesses(Path.of("/proc"), ContainerDirectory.NONE).top(5);
            ProcessUsage mine = top.stream().filter(p -> p.pid() == writer.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the writer is not in the snapshot: " + top));
            assertEquals(big.toString(), mine.writtenFile(), mine.toString());
            assertTrue(mine.writtenFileBytes() >= 1 << 20, mine.toString());
        } finally {
            writer.destroyForcibly().waitFor();
        }
    }

    /** The observer (the daemon and what it started) is left out; the same burner is in a snapshot without it. */
    @Test
    void theObserverIsLeftOut() throws Exception {
        Process burner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(200);
            List<ProcessUsage> without = new TopProcesses(Path.of("/proc"), ContainerDirectory.NONE,
                    TopProcesses::selfAndDescendants).top(5);
            assertTrue(without.stream().noneMatch(p -> p.pid() == burner.pid() || p.pid() == ProcessHandle.current().pid()),
                    without.toString());
            List<ProcessUsage> with = new TopProcesses(Path.of("/proc"), ContainerDirectory.NONE).top(5);
            assertTrue(with.stream().anyMatch(p -> p.pid() == burner.pid()), with.toString());
        } finally {
            burner.destroyForcibly().waitFor();
        }
    }

    @Test
    void theSnapshotAddsTheHeaviestByMemoryGrowthWritesAndFilesToTheBusiestByCpu() {
        List<ProcessUsage> all = new java.util.ArrayList<>();
        for (int pid = 1; pid <= 30; pid++) {
            all.add(new ProcessUsage(pid, "p" + pid, "", 30 - pid, 1L << 20, 0, 0, "host", 10, 1024, 0));
        }
        all.add(new ProcessUsage(100, "fat", "", 0, 8L << 30, 0, 0, "host", 10, 1024, 0));
        all.add(new ProcessUsage(101, "writer", "", 0, 1L << 20, 0, 50e6, "host", 10, 1024, 0));
        all.add(new ProcessUsage(102, "leaker", "", 0, 1L << 20, 0, 0, "host", 1000, 1024, 0));
        all.add(new ProcessUsage(103, "grower", "", 0, 1L << 20, 0, 0, "host", 10, 1024, 80e6));
        List<Integer> pids = TopProcesses.busiest(all, 5).stream().map(ProcessUsage::pid).toList();
        assertEquals(List.of(1, 2, 3, 4, 5), pids.subList(0, 5), "the busiest by CPU first: " + pids);
        assertTrue(pids.containsAll(List.of(100, 101, 102, 103)), pids.toString());
        assertTrue(pids.size() <= 5 + 4 * TopProcesses.OTHER_ORDERS, pids.toString());
    }
}
