package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.anomalyhunter.testing.SharedData;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A full install into a throwaway Debian 12 root (debootstrap; packaging/debian-test-root.sh makes it and
 * packaging/test.sh passes it in): install.sh inside chroot, systemd-analyze verify on the installed unit,
 * then the installed binary run as the anomaly-hunter user answering /health.
 */
class DebianRootIT {
    @Test
    void installsIntoDebianAndRunsAsTheServiceUser() throws Exception {
        String cached = System.getProperty("anomaly-hunter.debian-root", "");
        assumeTrue(!cached.isBlank() && Files.isDirectory(Path.of(cached)),
                "no Debian root given (-Danomaly-hunter.debian-root); packaging/test.sh makes one with debootstrap");
        assertEquals("0", Shell.sh(Path.of("/"), "id -u").output().strip(), "chroot and mount need root");
        BundleFixture fixture = BundleFixture.get();
        Path root = fixture.work.resolve("debian");
        int port = DaemonProcess.freePort();
        String setup = String.join(" && ",
                "cp -a " + cached + " " + root,
                "mkdir -p " + root + "/root/bundle",
                "tar -C " + root + "/root/bundle -xzf " + fixture.tarball,
                "mount --bind /proc " + root + "/proc",
                "mount --bind /dev " + root + "/dev");
        try {
            Shell.Result prepared = Shell.sh(fixture.work, setup);
            assertEquals(0, prepared.exit(), prepared.output());
            Shell.Result install = Shell.sh(fixture.work, "chroot " + root + " sh -c '/root/bundle/*/install.sh --no-start'");
            assertEquals(0, install.exit(), install.output());
            Shell.Result verify = Shell.sh(fixture.work, "chroot " + root
                    + " systemd-analyze verify /etc/systemd/system/anomaly-hunter.service");
            assertEquals(0, verify.exit(), "systemd-analyze verify: " + verify.output());
            // doctor as the service user, with nothing unpacked into /tmp (the unit runs with PrivateTmp and a
            // read-only root: every native library must load from the bundle's lib/native).
            Path model = DoctorIT.MODEL;
            SharedData.require(model, "model");
            Files.copy(model, root.resolve("var/lib/anomaly-hunter/model.gguf"));
            String tmpBefore = Shell.sh(root, "ls -A tmp | sort").output();
            Shell.Result doctor = Shell.sh(fixture.work, "chroot --userspec=anomaly-hunter:anomaly-hunter " + root
                    + " /opt/anomaly-hunter/current/bin/anomaly-hunter doctor --config /etc/anomaly-hunter/config.yaml"
                    + " --llm-model /var/lib/anomaly-hunter/model.gguf");
            assertEquals(0, doctor.exit(), doctor.output());
            // No native library may be unpacked there. (ONNX Runtime itself writes a mat-debug-PID.log into
            // /tmp; under the unit's PrivateTmp that is private and harmless.)
            String tmpAfter = Shell.sh(root, "ls -A tmp | sort").output();
            assertTrue(tmpAfter.lines().noneMatch(l -> l.endsWith(".so") || l.startsWith("sqlite-") || l.startsWith("jna")),
                    "native libraries unpacked into /tmp: " + tmpAfter + " (before: " + tmpBefore + ")");

            // Another anomaly-hunter, as root, runs beside the installed one the whole time: the test must tell
            // its own daemon from it (it once looked the daemon up by name and could pick this one).
            Path decoyDir = Files.createDirectories(fixture.work.resolve("decoy"));
            int decoyPort = DaemonProcess.freePort();
            DaemonProcess decoy = DaemonProcess.start(decoyDir, decoyPort, "run", "--config",
                    DaemonProcess.writeConfig(decoyDir, decoyPort, "interval: 10s").toString());
            try {
                decoy.awaitHealthy(Duration.ofSeconds(60));
            } catch (Exception | AssertionError e) {
                decoy.close();
                throw e;
            }
            Files.writeString(root.resolve("etc/anomaly-hunter/config.yaml"),
                    Files.readString(root.resolve("etc/anomaly-hunter/config.yaml")).replace("port: 8080", "port: " + port));
            Process daemon = new ProcessBuilder("chroot", "--userspec=anomaly-hunter:anomaly-hunter", root.toString(),
                    "env", "ANOMALY_HUNTER_CONFIG=/etc/anomaly-hunter/config.yaml",
                    "/opt/anomaly-hunter/current/bin/anomaly-hunter", "run")
                    .redirectErrorStream(true).redirectOutput(fixture.work.resolve("debian-run.log").toFile()).start();
            try {
                String body = null;
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (body == null && System.nanoTime() < deadline && daemon.isAlive()) {
                    try {
                        HttpResponse<String> r = DaemonProcess.HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        body = r.statusCode() == 200 ? r.body() : null;
                    } catch (java.io.IOException e) {
                        Thread.sleep(200);
                    }
                }
                String log = Files.readString(fixture.work.resolve("debian-run.log"));
                assertTrue(body != null && body.contains("\"status\":\"UP\""), "health: " + body + "\n" + log);
                String uid = Shell.sh(fixture.work, "awk -F: '$1==\"anomaly-hunter\" {print $3}' " + root + "/etc/passwd")
                        .output().strip();
                // The daemon is the process we started (chroot, env and the launcher exec in turn) or one of its
                // descendants; never looked up by name, since another anomaly-hunter may run on this machine.
                ProcessHandle java = Stream.concat(Stream.of(daemon.toHandle()), daemon.descendants())
                        .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("no quarkus-run.jar under the chroot we started"));
                String running = Shell.sh(fixture.work, "ps -o uid= -p " + java.pid()).output().strip();
                assertEquals(uid, running, "the daemon runs as the anomaly-hunter user");
                assertTrue(log.contains("database /var/lib/anomaly-hunter/anomaly-hunter.db"), log);
            } finally {
                List<ProcessHandle> started = Stream.concat(Stream.of(daemon.toHandle()), daemon.descendants()).toList();
                started.forEach(ProcessHandle::destroy);
                for (ProcessHandle p : started) {
                    p.onExit().get(30, TimeUnit.SECONDS);
                }
                boolean decoyAlive = decoy.process.isAlive();
                decoy.close();
                assertTrue(decoyAlive, "the other anomaly-hunter was left alone");
            }
        } finally {
            Shell.sh(fixture.work, "umount " + root + "/proc; umount " + root + "/dev; true");
        }
    }
}
