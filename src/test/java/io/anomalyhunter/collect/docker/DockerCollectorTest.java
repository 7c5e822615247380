package io.anomalyhunter.collect.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.collect.cgroup.CgroupCollector;
import io.anomalyhunter.collect.cgroup.CgroupMetrics;
import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.detect.change.ContainerTroubleWatch;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.testing.TestDocker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker collector against the real dockerd (see {@link TestDocker}), with the cgroups collector and the trouble watch. */
class DockerCollectorTest {
    private record Judged(SeriesKey series, Verdict verdict) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final List<Judged> verdicts = new CopyOnWriteArrayList<>();
    private final ContainerTroubleWatch trouble = new ContainerTroubleWatch((s, d, t, v, verdict) -> verdicts.add(new Judged(s, verdict)));
    private final ChangeSink sink = ChangeSink.all(List.of(changes::add, trouble));

    @Test
    void aBurningContainerIsNamedAndItsCpuMatchesDockerStats() throws Exception {
        try (TestDocker docker = TestDocker.require();
             DockerCollector dc = new DockerCollector("docker", new DockerEngine(TestDocker.SOCKET), sink, InstantSource.system())) {
            String name = TestDocker.name("burn");
            docker.run(name, TestDocker.IMAGE, "sh", "-c", "while :; do :; done");
            dc.collect(Instant.now(), b -> { });
            assertEquals(CollectorState.Status.RUNNING, dc.state().status(), dc.state().detail());
            CgroupCollector cg = CgroupCollector.forHost(dc);
            List<Sample> second = new ArrayList<>();
            cg.collect(Instant.now(), b -> { });
            Thread.sleep(2000); // the measurement window
            cg.collect(Instant.now(), second::addAll);
            String theirs = docker.cli("stats", "--no-stream", "--format", "{{.CPUPerc}}", name).strip();
            double stats = Double.parseDouble(theirs.replace("%", ""));
            SeriesKey key = SeriesKey.of(CgroupMetrics.CPU, "container", name, "image", TestDocker.IMAGE);
            double ours = second.stream().filter(s -> s.series().equals(key)).findFirst().orElseThrow(() -> new AssertionError(
                    "no " + key.text() + " in " + second.stream().map(s -> s.series().text()).filter(t -> t.contains("cpu")).toList()))
                    .value();
            assertTrue(stats > 30, "the burner barely ran (docker stats " + theirs + ")");
            assertTrue(Math.abs(ours - stats) <= 0.1 * stats, "we say " + ours + " %, docker stats says " + theirs);
            waitFor(Duration.ofSeconds(10), () -> changes.stream().anyMatch(c -> c.subject().equals(name)
                    && c.summary().equals("started")), "a 'started' change for " + name + " in " + changes);
        }
    }

    /**
     * A container that pings its network's gateway: its traffic is counted from its namespace, and, where the
     * namespace cannot be read here (a collector given an empty /proc), from the Docker API's stats instead.
     */
    @Test
    void networkTrafficComesFromTheNamespaceOrElseFromTheApi(@TempDir Path emptyProc) throws Exception {
        try (TestDocker docker = TestDocker.require();
             DockerCollector dc = new DockerCollector("docker", new DockerEngine(TestDocker.SOCKET), sink, InstantSource.system())) {
            String net = docker.network();
            String gateway = docker.cli("network", "inspect", net, "--format", "{{(index .IPAM.Config 0).Gateway}}").strip();
            String name = TestDocker.name("ping");
            docker.runOn(net, name, TestDocker.IMAGE, "sh", "-c", "while :; do ping -c 1 -W 1 " + gateway + "; sleep 0.1; done");
            dc.collect(Instant.now(), b -> { });
            CgroupCollector fromNamespace = CgroupCollector.forHost(dc);
            CgroupCollector fromApi = new CgroupCollector(Path.of("/proc/self/mountinfo"), emptyProc, dc, c -> { });
            List<Sample> ns = new ArrayList<>();
            List<Sample> api = new ArrayList<>();
            for (int poll = 0; poll < 3; poll++) {
                Thread.sleep(1500); // the measurement window; the API's reading arrives a poll late
                ns.clear();
                api.clear();
                fromNamespace.collect(Instant.now(), ns::addAll);
                fromApi.collect(Instant.now(), api::addAll);
            }
            SeriesKey rx = SeriesKey.of(CgroupMetrics.NET_RX_BYTES, "container", name, "image", TestDocker.IMAGE);
            SeriesKey tx = SeriesKey.of(CgroupMetrics.NET_TX_BYTES, "container", name, "image", TestDocker.IMAGE);
            for (List<Sample> got : List.of(ns, api)) {
                double in = value(got, rx);
                double out = value(got, tx);
                assertTrue(in > 50 && out > 50, "about 8 pings a second each way: rx " + in + " B/s, tx " + out + " B/s");
            }
        }
    }

    private static double value(List<Sample> samples, SeriesKey key) {
        return samples.stream().filter(s -> s.series().equals(key)).findFirst().orElseThrow(() -> new AssertionError(
                "no " + key.text() + " in " + samples.stream().map(s -> s.series().text()).filter(t -> t.contains("network")).toList()))
                .value();
    }

    @Test
    void aCrashLoopIsAnAnomalyNamingTheContainerWithinAMinute() throws Exception {
        try (TestDocker docker = TestDocker.require();
             DockerCollector dc = new DockerCollector("docker", new DockerEngine(TestDocker.SOCKET), sink, InstantSource.system())) {
            String name = TestDocker.name("loop");
            Instant started = Instant.now();
            docker.run(name, "--restart", "on-failure", TestDocker.IMAGE, "sh", "-c", "exit 1");
            waitFor(Duration.ofSeconds(60), () -> {
                dc.collect(Instant.now(), b -> { });
                return verdicts.stream().anyMatch(j -> j.verdict().anomalous()
                        && j.series().equals(SeriesKey.of(ContainerTroubleWatch.METRIC, "container", name, "kind", "restart_loop")));
            }, "a restart_loop verdict for " + name + "; verdicts " + verdicts + ", changes " + changes);
            Judged j = verdicts.stream().filter(v -> v.verdict().anomalous()).findFirst().orElseThrow();
            assertTrue(j.verdict().reason().startsWith(name + " is in a restart loop"), j.verdict().reason());
            assertTrue(Duration.between(started, Instant.now()).toSeconds() < 60);
        }
    }

    @Test
    void anOomKillIsAChangeAndAnAnomalyNamingTheContainer() throws Exception {
        try (TestDocker docker = TestDocker.require();
             DockerCollector dc = new DockerCollector("docker", new DockerEngine(TestDocker.SOCKET), sink, InstantSource.system())) {
            String name = TestDocker.name("oom");
            dc.collect(Instant.now(), b -> { });
            docker.run(name, "-m", "8m", TestDocker.IMAGE, "sh", "-c", "dd if=/dev/zero of=/dev/null bs=64M count=1");
            waitFor(Duration.ofSeconds(30), () -> changes.stream().anyMatch(c -> c.kind() == ChangeKind.OOM && c.subject().equals(name))
                    && verdicts.stream().anyMatch(j -> j.verdict().anomalous() && j.series().equals(
                            SeriesKey.of(ContainerTroubleWatch.METRIC, "container", name, "kind", "oom_kill"))),
                    "an OOM change and an oom_kill verdict for " + name + "; changes " + changes);
        }
    }

    @Test
    void aMissingSocketIsSaidOnceAndTheCollectorIsOff() throws Exception {
        try (DockerCollector dc = new DockerCollector("docker", new DockerEngine(java.nio.file.Path.of("/nonexistent/docker.sock")),
                sink, InstantSource.system())) {
            dc.collect(Instant.now(), b -> { });
            assertEquals(CollectorState.Status.DISABLED, dc.state().status());
            assertTrue(dc.state().detail().contains("/nonexistent/docker.sock: no such socket"), dc.state().detail());
            assertEquals(java.util.Optional.empty(), dc.find("docker", "0".repeat(64)));
        }
    }

    private static void waitFor(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("within " + limit.toSeconds() + " s, expected " + what);
    }
}
