package io.anomalyhunter.collect.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** cgroup v2 on a recorded layout (testdata/cgroup-v2, see its README). */
class UnifiedCgroupTreeTest {
    private static final String DOCKER = "0123456789abcdef".repeat(4);
    private final Path root = Path.of("src/test/resources/testdata/cgroup-v2");
    private final UnifiedCgroupTree tree = new UnifiedCgroupTree(root);
    private final List<String> problems = new ArrayList<>();

    @Test
    void readsEveryFigureOfAContainer() {
        CgroupStats s = tree.read("/system.slice/docker-" + DOCKER + ".scope", (f, m) -> problems.add(f)).orElseThrow();
        assertEquals(new CgroupStats(99_000_000, 120, 30, 268_435_456, 536_870_912, 7, 1, 1_048_576 + 1000, 2000,
                257, 2, 12), s);
        assertEquals(List.of(), problems);
    }

    @Test
    void noLimitIsUnknownAndAMalformedFileLosesOnlyItsFigures() {
        CgroupStats nginx = tree.read("/system.slice/nginx.service", (f, m) -> problems.add(f)).orElseThrow();
        assertEquals(CgroupStats.UNKNOWN, nginx.memoryLimit());
        CgroupStats getty = tree.read("/system.slice/system-getty.slice/getty@tty1.service", (f, m) -> problems.add(f + ": " + m))
                .orElseThrow();
        assertEquals(CgroupStats.UNKNOWN, getty.oomKills());
        assertEquals(CgroupStats.UNKNOWN, getty.limitHits());
        assertEquals(1200, getty.cpuMicros(), "the other files are still read");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("getty@tty1.service/memory.events") && problems.get(0).contains("oom_kill many"),
                problems.get(0));
    }

    @Test
    void aCgroupThatIsGoneReadsAsEmpty() {
        assertEquals(Optional.empty(), tree.read("/system.slice/gone.service", (f, m) -> problems.add(f)));
    }

    @Test
    void discoversTheEntitiesOfTheRecordedHost() {
        List<CgroupEntity> found = EntityDiscovery.discover(tree::children, 100);
        Map<CgroupEntity.Kind, Long> byKind = new java.util.EnumMap<>(CgroupEntity.Kind.class);
        found.forEach(e -> byKind.merge(e.kind(), 1L, Long::sum));
        assertEquals(Map.of(CgroupEntity.Kind.CONTAINER, 2L, CgroupEntity.Kind.SERVICE, 2L, CgroupEntity.Kind.CGROUP, 1L), byKind,
                found.toString());
        assertEquals(4242, tree.anyPid("/batch").orElseThrow());
    }
    @Test
    void readsTheFilesRecordedOnARealCgroup2Mount() {
        // testdata/cgroup-v2-recorded: byte for byte from a kernel 6.18 cgroup2 mount without controllers.
        UnifiedCgroupTree recorded = new UnifiedCgroupTree(Path.of("src/test/resources/testdata/cgroup-v2-recorded"));
        CgroupStats s = recorded.read("/burner", (f, m) -> problems.add(f + ": " + m)).orElseThrow();
        assertEquals(977_040, s.cpuMicros(), "usage_usec, with the newer nice_usec key beside it");
        assertEquals(CgroupStats.UNKNOWN, s.memoryBytes(), "no memory controller there: unknown, not zero");
        assertEquals(CgroupStats.UNKNOWN, s.throttledPeriods());
        assertEquals(List.of(), problems, "absent controller files are not problems");
        assertEquals(3019, recorded.anyPid("/burner").orElseThrow());
        List<CgroupEntity> found = EntityDiscovery.discover(recorded::children, 100);
        assertEquals(List.of("/burner"), found.stream().map(CgroupEntity::path).toList());
        assertEquals(CgroupEntity.Kind.CGROUP, found.get(0).kind());
    }
}
