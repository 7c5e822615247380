package io.anomalyhunter.collect.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.testing.PrivateDockerd;
import io.anomalyhunter.testing.TestDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dockerd stopped mid-run and started again: the collector says so, carries on, and resumes (events too). */
class DockerRestartTest {
    @TempDir
    Path dir;

    @Test
    void collectionResumesWhenDockerdIsBack() throws Exception {
        TestDocker.require().close(); // the same preconditions (docker.io installed, root); skips or fails alike
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")), "no /usr/sbin/dockerd");
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (PrivateDockerd dockerd = new PrivateDockerd(dir)) {
            dockerd.start();
            dockerd.importBusybox();
            try (DockerCollector c = new DockerCollector("docker", new DockerEngine(dockerd.socket()), changes::add,
                    InstantSource.system())) {
                c.collect(Instant.now(), b -> { });
                assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());

                dockerd.stop();
                c.collect(Instant.now(), b -> { });
                assertEquals(CollectorState.Status.FAILED, c.state().status(), c.state().detail());
                assertTrue(c.state().detail().contains(dockerd.socket().toString()), c.state().detail());

                dockerd.start();
                c.collect(Instant.now(), b -> { });
                assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());
                String name = TestDocker.name("after");
                assertTrue(dockerd.cli("create", "--network", "none", "--name", name, TestDocker.IMAGE, "true").startsWith("ok"));
                // The event stream reconnects with backoff (at most 30 s after a long outage; here a few seconds).
                long end = System.nanoTime() + 40_000_000_000L;
                while (System.nanoTime() < end && changes.stream().noneMatch(ch -> ch.subject().equals(name))) {
                    Thread.sleep(200);
                }
                assertTrue(changes.stream().anyMatch(ch -> ch.subject().equals(name) && ch.summary().equals("created")),
                        "no 'created' change for " + name + " after the restart: " + changes);
                c.collect(Instant.now(), b -> { });
                assertTrue(c.state().detail().startsWith("1 containers via"), c.state().detail());
            }
        }
    }
}
