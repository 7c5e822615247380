package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.testing.TestDocker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected on this host while the packaged daemon runs: each must end in an incident whose root-cause report
 * (rule-based: no model configured) names the injected cause first. Detection here comes from pinned thresholds set
 * just above the host's state at the test's start (or from the detectors that need no baseline), so each scenario
 * tests the analysis, not the baselines. The learning period is long, so no learned band fires on the way.
 * Programs run under names of their own (a copied interpreter), as a real service would have.
 */
@Tag("slow")
class FaultScenariosIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    private DaemonProcess daemon(String more) throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\nlearning_period: 7d");
        Files.writeString(config, Files.readString(config) + more);
        DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
        d.awaitHealthy(Duration.ofSeconds(60));
        Thread.sleep(3000); // the change watchers have read the host as it is; what follows is a change
        return d;
    }

    /** A program under a name of its own: a copy of python3 running {@code code}. */
    private Process program(String name, String code) throws IOException {
        Path exe = dir.resolve(name);
        if (!Files.exists(exe)) {
            Files.copy(Path.of("/usr/bin/python3"), exe);
            exe.toFile().setExecutable(true);
        }
        Process p = new ProcessBuilder(exe.toString(), "-c", code).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    /** The top cause of the report of the first incident whose top cause satisfies {@code named}, or fails with what was seen. */
    private static JsonNode topCause(DaemonProcess d, Predicate<JsonNode> named) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            var r = d.get("/api/v1/incidents?limit=50");
            if (r != null && r.statusCode() == 200) {
                for (JsonNode i : JSON.readTree(r.body()).path("items")) {
                    var rep = d.get("/api/v1/incidents/" + i.path("id").asText() + "/report");
                    if (rep == null || rep.statusCode() != 200) {
                        continue;
                    }
                    JsonNode report = JSON.readTree(rep.body());
                    JsonNode top = report.path("causes").path(0);
                    seen.add(i.path("title").asText() + " -> " + report.path("causes"));
                    if (named.test(top)) {
                        return top;
                    }
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no incident's report names the injected cause first within " + LIMIT + "; seen:\n"
                + String.join("\n", seen) + "\n" + d.logText());
    }

    private static long meminfo(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
            }
        }
        throw new IllegalStateException(key + " not in /proc/meminfo");
    }

    private void endAll() {
        started.forEach(p -> p.destroyForcibly());
    }

    @Test
    void aProcessGrowingItsMemoryIsNamed() throws Exception {
        long used = meminfo("MemTotal") - meminfo("MemAvailable");
        assumeTrue(meminfo("MemAvailable") > (3L << 30), "needs 3 GB of free memory");
        try (DaemonProcess d = daemon("metrics:\n  - {name: host_memory_used_bytes, above: %d}\n".formatted(used + (1536L << 20)))) {
            // grows by 64 MB every 50 ms to 2.5 GB, touching every page, then holds it
            program("memgrower", "import time\nb=[]\nfor i in range(40):\n b.append(bytearray(64<<20))\n time.sleep(0.05)\ntime.sleep(120)");
            JsonNode top = topCause(d, c -> c.path("subject").asText().equals("memgrower"));
            assertEquals("process", top.path("kind").asText(), top.toString());
        } finally {
            endAll();
        }
    }

    @Test
    void aBurstOfConnectionsToClosedPortsNamesItsSource() throws Exception {
        try (DaemonProcess d = daemon("collectors:\n  network:\n    interfaces: [lo]\n")) {
            LoopbackAttacks.portScan(LoopbackAttacks.closedPorts(300, 20000));
            JsonNode top = topCause(d, c -> c.path("subject").asText().equals("127.0.0.1"));
            assertEquals("external_source", top.path("kind").asText(), top.toString());
        }
    }

    @Test
    void aContainerInACrashLoopIsNamed() throws Exception {
        try (TestDocker docker = TestDocker.require(); DaemonProcess d = daemon("")) {
            String name = TestDocker.name("crashloop");
            docker.run(name, "--restart", "on-failure", TestDocker.IMAGE, "sh", "-c", "exit 1");
            topCause(d, c -> c.path("subject").asText().equals(name));
        }
    }

    @Test
    void aNewListeningPortOpenedByANewProcessIsNamed() throws Exception {
        int connections = 60;
        long now = Files.readAllLines(Path.of("/proc/net/tcp")).size() + Files.readAllLines(Path.of("/proc/net/tcp6")).size();
        try (DaemonProcess d = daemon("collectors:\n  network:\n    enabled: false\nmetrics:\n  - {name: host_tcp_connections, above: %d}\n"
                .formatted(now + connections / 2))) {
            int port = DaemonProcess.freePort();
            program("rogue-listener", "import socket,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                    + "s.bind(('127.0.0.1',%d))\ns.listen(256)\nc=[]\nwhile True:\n c.append(s.accept())".formatted(port));
            List<Socket> clients = new ArrayList<>();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (clients.size() < connections && System.nanoTime() < deadline) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        clients.add(s);
                    } catch (IOException e) {
                        s.close();
                        Thread.sleep(100); // not listening yet
                    }
                }
                JsonNode top = topCause(d, c -> c.path("subject").asText().equals("rogue-listener")
                        || c.path("subject").asText().equals("tcp/" + port));
                assertEquals("change", top.path("kind").asText(), top.toString());
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
        } finally {
            endAll();
        }
    }

    @Test
    void aProcessLeakingFileDescriptorsIsNamed() throws Exception {
        double busiest = new io.anomalyhunter.collect.host.OpenFilesWatch(Path.of("/proc"))
                .busiestPercent(System.currentTimeMillis());
        assumeTrue(busiest < 80, "a process here already holds " + busiest + " % of its open-file limit");
        try (DaemonProcess d = daemon("collectors:\n  network:\n    enabled: false\nmetrics:\n"
                + "  - {name: host_open_files_max_percent, above: %.0f}\n".formatted(Math.max(50, busiest + 10)))) {
            // opens 50 files every 100 ms up to 1,000 of its 1,024, never closing one, then holds them
            program("fd-leaker", "import resource,time\nresource.setrlimit(resource.RLIMIT_NOFILE,(1024,1024))\nfs=[]\n"
                    + "for i in range(20):\n fs+=[open('/dev/null') for _ in range(50)]\n time.sleep(0.1)\ntime.sleep(120)");
            JsonNode top = topCause(d, c -> c.path("subject").asText().equals("fd-leaker"));
            assertEquals("resource_exhaustion", top.path("kind").asText(), top.toString());
            assertTrue(top.path("explanation").asText().contains("of its limit of 1024"), top.toString());
        } finally {
            endAll();
        }
    }

    @Test
    void aDiskFillingUnderAPathNamesThePathAndTheWriter() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a file system needs root (CI runs as root)");
        Path disk = Files.createDirectories(dir.resolve("spool"));
        assertEquals(0, Shell.sh(dir, "truncate -s 128M spool.img && mkfs.ext4 -q spool.img && mount -o loop spool.img spool").exit());
        try (DaemonProcess d = daemon("collectors:\n  network:\n    enabled: false\nmetrics:\n  - {name: host_filesystem_used_percent, "
                + "labels: {mount: \"%s\"}, above: 40}\n".formatted(disk))) {
            // 1 MB every 40 ms, flushed, until the disk is full; then it holds the file open
            program("spool-writer", ("import os,time\nf=open('%s/fill','wb')\nb=os.urandom(1<<20)\n"
                    + "try:\n while True:\n  f.write(b); f.flush(); os.fsync(f.fileno()); time.sleep(0.04)\nexcept OSError:\n time.sleep(120)")
                    .formatted(disk));
            JsonNode top = topCause(d, c -> c.path("subject").asText().equals(disk.toString()));
            assertEquals("resource_exhaustion", top.path("kind").asText(), top.toString());
            String report = reportNaming(d, disk.toString());
            assertTrue(report.contains("spool-writer"), "the writer is named too: " + report);
            assertTrue(top.path("explanation").asText().contains("into " + disk.resolve("fill")), "and the file it grows: " + top);
        } finally {
            endAll();
            Shell.sh(dir, "umount " + disk);
        }
    }

    @Test
    void aPackageInstalledJustBeforeAServiceStartedFailingIsNamed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing a package needs root (CI runs as root)");
        String pkg = "ah-test-libbroken";
        Files.createDirectories(dir.resolve("pkg/DEBIAN"));
        Files.writeString(dir.resolve("pkg/DEBIAN/control"), "Package: " + pkg + "\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: anomaly-hunter tests <root@localhost>\nDescription: a package the fault test installs\n");
        assertEquals(0, Shell.sh(dir, "dpkg-deb --build pkg " + pkg + ".deb >/dev/null").exit());
        int closed = LoopbackAttacks.closedPorts(1, 40000).get(0);
        Path trigger = dir.resolve("broken");
        // the service runs before the daemon starts; once the package is in, its every connection is refused
        program("payments-svc", ("import os,socket,time\nwhile not os.path.exists('%s'):\n time.sleep(0.1)\nwhile True:\n"
                + " s=socket.socket()\n try:\n  s.connect(('127.0.0.1',%d))\n except OSError:\n  pass\n s.close()\n time.sleep(0.005)")
                .formatted(trigger, closed));
        try (DaemonProcess d = daemon("collectors:\n  network:\n    enabled: false\nmetrics:\n"
                + "  - {name: host_tcp_connection_failures_per_second, above: 50}\n")) {
            assertEquals(0, Shell.sh(dir, "dpkg -i " + pkg + ".deb >/dev/null").exit());
            Thread.sleep(2000);
            Files.writeString(trigger, "");
            JsonNode top = topCause(d, c -> c.path("subject").asText().equals(pkg));
            assertEquals("change", top.path("kind").asText(), top.toString());
        } finally {
            endAll();
            Shell.sh(dir, "dpkg -r " + pkg + " >/dev/null 2>&1");
        }
    }

    private static String reportNaming(DaemonProcess d, String subject) throws Exception {
        for (JsonNode i : JSON.readTree(d.get("/api/v1/incidents?limit=50").body()).path("items")) {
            String body = d.get("/api/v1/incidents/" + i.path("id").asText() + "/report").body();
            if (JSON.readTree(body).path("causes").path(0).path("subject").asText().equals(subject)) {
                return body;
            }
        }
        return "";
    }
}
