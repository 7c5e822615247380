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
}
