package io.anomalyhunter.collect.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.CollectorState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change feed's sources on this host: a process the test starts, the port it opens, a package it installs. */
class ChangeCollectorLiveTest {
    @TempDir
    Path dir;

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final ChangeSink sink = changes::add;

    @Test
    void aStartedProcessAndItsPortAppearWithinTwoPolls() throws Exception {
        ChangeCollector c = new ChangeCollector(List.of(new ProcessWatch(Path.of("/proc"), Path.of("/etc/passwd")),
                new SocketWatch(Path.of("/proc"))), sink);
        c.collect(Instant.now(), b -> { });
        assertTrue(changes.isEmpty(), "the first poll only learns: " + changes);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Files.writeString(dir.resolve("listen.py"), """
                import socket, time
                s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", %d)); s.listen(1); time.sleep(60)
                """.formatted(port));
        Process p = new ProcessBuilder("python3", script.toString()).start();
        try {
            for (int poll = 0; poll < 2 && !seen(p.pid(), port); poll++) {
                Thread.sleep(500); // a collection interval, shortened
                c.collect(Instant.now(), b -> { });
            }
            assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());
            String comm = Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip();
            Change started = changes.stream().filter(ch -> ch.kind() == ChangeKind.PROCESS
                    && Long.toString(p.pid()).equals(ch.details().get("pid"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no process change for pid " + p.pid() + ": " + changes));
            assertEquals(comm, started.subject());
            assertEquals("started", started.details().get("action"));
            assertTrue(started.details().get("command_line").contains("listen.py"), started.toString());
            Change opened = changes.stream().filter(ch -> ch.kind() == ChangeKind.SOCKET && ch.subject().equals("tcp/" + port))
                    .findFirst().orElseThrow(() -> new AssertionError("no socket change for port " + port + ": " + changes));
            assertEquals(Long.toString(p.pid()), opened.details().get("pid"), opened.toString());
            assertEquals(comm, opened.details().get("process"));
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        changes.clear();
        c.collect(Instant.now(), b -> { });
        assertTrue(changes.stream().anyMatch(ch -> ch.subject().equals("tcp/" + port) && ch.details().get("action").equals("closed")),
                "the port closed with its process: " + changes);
        assertTrue(changes.stream().anyMatch(ch -> Long.toString(p.pid()).equals(ch.details().get("pid"))
                && ch.details().get("action").equals("exited")), changes.toString());
    }

    private boolean seen(long pid, int port) {
        return changes.stream().anyMatch(ch -> Long.toString(pid).equals(ch.details().get("pid")) && ch.kind() == ChangeKind.PROCESS)
                && changes.stream().anyMatch(ch -> ch.subject().equals("tcp/" + port));
    }

    @Test
    void aPackageInstalledWithDpkgIsAPackageChange() throws Exception {
        Path dpkgLog = Path.of("/var/log/dpkg.log");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")) && Files.isWritable(dpkgLog.getParent())
                && "root".equals(System.getProperty("user.name")), "needs Debian's dpkg and root");
        String name = "ah-test-tiny";
        Path root = Files.createDirectories(dir.resolve("pkg/DEBIAN"));
        Files.writeString(root.resolve("control"), """
                Package: %s
                Version: 1.0
                Architecture: all
                Maintainer: anomaly-hunter tests <tests@localhost>
                Description: an empty package the change-feed test installs and removes
                """.formatted(name));
        Path deb = dir.resolve(name + ".deb");
        run("dpkg-deb", "--build", dir.resolve("pkg").toString(), deb.toString());
        DpkgWatch w = new DpkgWatch(dpkgLog, ZoneId.systemDefault());
        w.poll(Instant.now());
        try {
            run("dpkg", "-i", deb.toString());
            List<Change> found = w.poll(Instant.now());
            assertTrue(found.stream().anyMatch(ch -> ch.kind() == ChangeKind.PACKAGE && ch.subject().equals(name)
                    && ch.summary().equals("installed 1.0")), "no install of " + name + " in " + found);
        } finally {
            run("dpkg", "-r", name);
        }
        assertTrue(w.poll(Instant.now()).stream().anyMatch(ch -> ch.subject().equals(name) && ch.summary().equals("removed 1.0")));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
