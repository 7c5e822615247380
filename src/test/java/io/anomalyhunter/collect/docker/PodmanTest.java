package io.anomalyhunter.collect.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.collect.cgroup.CgroupCollector;
import io.anomalyhunter.collect.cgroup.CgroupMetrics;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.testing.PrivatePodman;
import io.anomalyhunter.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Podman's Docker-compatible API, through the same collector: names, cgroups (libpod paths) and events. */
class PodmanTest {
    /** Not a JUnit temp dir: Podman's storage keeps files JUnit cannot always delete; PrivatePodman removes it. */
    private Path dir;

    @Test
    void aPodmanContainerIsNamedMeasuredAndItsEventsAreChanges() throws Exception {
        TestDocker.require().close(); // the same preconditions as the Docker tests (root, the test command's installs)
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "no /usr/bin/podman (packaging/test.sh installs it)");
        List<Change> changes = new CopyOnWriteArrayList<>();
        dir = Files.createTempDirectory("ah-podman-");
        try (PrivatePodman podman = new PrivatePodman(dir)) {
            podman.start();
            try (DockerCollector dc = new DockerCollector("podman", new DockerEngine(podman.socket()), changes::add,
                    InstantSource.system())) {
                String name = TestDocker.name("podman");
                podman.run(name, "/bin/busybox", "sh", "-c", "while :; do :; done");
                try {
                    dc.collect(Instant.now(), b -> { });
                    assertEquals(CollectorState.Status.RUNNING, dc.state().status(), dc.state().detail());
                    CgroupCollector cg = CgroupCollector.forHost(dc);
                    List<Sample> second = new ArrayList<>();
                    cg.collect(Instant.now(), b -> { });
                    Thread.sleep(1000);
                    cg.collect(Instant.now(), second::addAll);
                    SeriesKey key = SeriesKey.of(CgroupMetrics.CPU, "container", name, "image", "localhost/" + TestDocker.IMAGE);
                    double cpu = second.stream().filter(s -> s.series().equals(key)).findFirst().orElseThrow(() -> new AssertionError(
                            "no " + key.text() + " in " + second.stream().map(s -> s.series().text()).filter(t -> t.contains("cpu_percent")).toList()))
                            .value();
                    assertTrue(cpu > 30, "the burner's CPU: " + cpu);
                    long end = System.nanoTime() + 10_000_000_000L;
                    while (System.nanoTime() < end && changes.stream().noneMatch(c -> c.subject().equals(name) && c.summary().equals("started"))) {
                        Thread.sleep(200);
                    }
                    assertTrue(changes.stream().anyMatch(c -> c.subject().equals(name) && c.summary().equals("started")),
                            "a 'started' change from Podman's event stream: " + changes);
                } finally {
                    podman.remove(name);
                }
            }
        }
    }
}
