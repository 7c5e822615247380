package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.testing.SharedData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native executable (mvn -Pnative package; packaging/test.sh builds it when a GraalVM or the stand-in
 * toolchain is there and passes its path): doctor, the daemon with real OSHI data and SQLite, the CLI,
 * and a native bundle that loads its libraries from lib/native and unpacks nothing into a temp dir.
 */
class NativeIT {
    static final String PROPERTY = "anomaly-hunter.native-executable";
    static Path executable;

    @TempDir
    Path dir;

    @BeforeAll
    static void findExecutable() {
        String path = System.getProperty(PROPERTY, "");
        assumeTrue(!path.isBlank(), "no native executable given (-D" + PROPERTY + "=...; packaging/test.sh sets it "
                + "when it can build one with GRAALVM_HOME or ../shared/tools/native-toolchain)");
        executable = Path.of(path).toAbsolutePath();
        assertTrue(Files.isExecutable(executable), PROPERTY + "=" + path + " is not an executable file");
    }

    @Test
    void doctorPassesEveryCheck() throws Exception {
        SharedData.require(DoctorIT.MODEL, "model");
        Path config = DaemonProcess.writeConfig(dir, 8080, "interval: 10s");
        DaemonProcess.Result r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "doctor", "--config",
                config.toString(), "--llm-model", DoctorIT.MODEL.toString()));
        assertEquals(0, r.exit(), r.output());
        for (String check : List.of("config", "data-dir", "database", "sqlite", "oshi/jna", "libpcap", "onnxruntime", "llama")) {
            assertTrue(r.output().lines().anyMatch(l -> l.matches("PASS +" + Pattern.quote(check) + " .*")),
                    check + " passes: " + r.output());
        }
    }

    /** The native daemon starts itself as the model worker (JNA, llama.cpp, Jackson on the protocol) for a report. */
    @Test
    void theAgentsRunInTheNativeWorker() throws Exception {
        SharedData.require(DoctorIT.MODEL, "model");
        int port = DaemonProcess.freePort();
        Path config = RcaLlmIT.incidentAtOnceConfig(dir, port, DoctorIT.MODEL);
        try (DaemonProcess d = DaemonProcess.start(dir, port, DaemonProcess.nativeCommand(executable, "run", "--config",
                config.toString()))) {
            d.awaitHealthy(Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            String report = "";
            while (!report.contains("\"source\":\"llm\"") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                var r = d.get("/api/v1/incidents/1/report");
                report = r == null ? "" : r.body();
            }
            assertTrue(report.contains("\"source\":\"llm\""), report + "\n" + d.logText());
            assertTrue(d.logText().contains("model worker started: pid"), d.logText());
            assertEquals(0, d.stop(), d.logText());
        }
    }

    @Test
    void daemonServesRealHostMetricsAndWritesSqlite() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
        JsonNode metrics;
        try (DaemonProcess d = DaemonProcess.start(dir, port, DaemonProcess.nativeCommand(executable, "run", "--config",
                config.toString()))) {
            long ms = d.awaitHealthy(Duration.ofSeconds(10));
            System.out.println("native: first /health 200 after " + ms + " ms (polled every 100 ms)");
            // Started bare, it bounded its own heap: the same process (PID), now running with the options.
            String cmdline = Files.readString(Path.of("/proc/" + d.process.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains(" -Xmx256m -Xmn4m run --config "), cmdline);
            long t0 = System.nanoTime();
            int series = 0;
            do {
                Thread.sleep(500);
                HttpResponse<String> r = d.get("/api/v1/metrics");
                assertEquals(200, r.statusCode(), r.body());
                metrics = new ObjectMapper().readTree(r.body());
                series = metrics.size();
            } while (series < 30 && System.nanoTime() - t0 < 15_000_000_000L);
            assertTrue(series >= 30, "30 or more series with real OSHI/procfs data, got " + series);
            assertTrue(metrics.findValues("value").stream().anyMatch(v -> v.asDouble() > 0), "non-zero values");
            for (String path : List.of("/api/v1/anomalies", "/api/v1/incidents", "/metrics", "/")) {
                assertEquals(200, d.get(path).statusCode(), path + ": " + d.get(path).body());
            }
            assertEquals(400, d.get("/api/v1/anomalies?limit=zero").statusCode());
            // The connection guard reaches into Vert.x by reflection: it must be installed in the native build too
            // (it counts this test's own open connection).
            // A connection of its own: the shared client's kept-alive one may predate the guard, which is installed
            // just after the server starts listening (it failed a clean-clone CI once that way).
            String guard = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(d.base + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body().lines().filter(l -> l.startsWith("anomaly_hunter_http_connections_open ")).findFirst().orElse("(missing)");
            assertTrue(guard.matches("anomaly_hunter_http_connections_open [1-9]\\d*"), guard + "\n" + d.logText());
            assertTrue(!d.logText().contains("cannot guard HTTP connections"), d.logText());
            assertEquals(0, d.stop(), d.logText()); // a clean stop drains the writer's queue into the database
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ah.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM samples")) {
            assertTrue(rs.getLong(1) > 30, "samples written: " + rs.getLong(1));
        }
    }

    /** The cgroups collector and the Docker API (docker-java's transport over the JDK's unix socket) in the native build. */
    @Test
    void readsCgroupsAndTheDockerSocket() throws Exception {
        try (io.anomalyhunter.testing.TestDocker docker = io.anomalyhunter.testing.TestDocker.require()) {
            String name = io.anomalyhunter.testing.TestDocker.name("native");
            docker.run(name, io.anomalyhunter.testing.TestDocker.IMAGE, "sh", "-c", "while :; do :; done");
            int port = DaemonProcess.freePort();
            Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
            try (DaemonProcess d = DaemonProcess.start(dir, port, DaemonProcess.nativeCommand(executable, "run", "--config",
                    config.toString()))) {
                d.awaitHealthy(Duration.ofSeconds(10));
                String wanted = "\"container\":\"" + name + "\"";
                long t0 = System.nanoTime();
                String body = "";
                while (!(body.contains("cgroup_cpu_percent") && body.contains(wanted)) && System.nanoTime() - t0 < 15_000_000_000L) {
                    Thread.sleep(500);
                    body = d.get("/api/v1/metrics").body();
                }
                assertTrue(body.contains("cgroup_cpu_percent") && body.contains(wanted),
                        "the container's CPU, named through the Docker API: " + wanted + "\n" + d.logText());
                JsonNode health = new ObjectMapper().readTree(d.get("/health").body());
                for (String collector : List.of("cgroups", "docker")) {
                    assertTrue(health.path("collectors").toString().contains("\"name\":\"" + collector + "\",\"status\":\"RUNNING\""),
                            collector + " running: " + health.path("collectors"));
                }
                assertEquals(0, d.stop(), d.logText());
            }
        }
    }

    /** Pcap4J live capture on lo in the native executable: the loopback attacks become anomalies within 10 s. */
    @Test
    void capturesOnLoopbackAndDetectsAttacks() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = LiveCaptureIT.loopbackConfig(dir, port);
        try (DaemonProcess d = DaemonProcess.start(dir, port, DaemonProcess.nativeCommand(executable, "run", "--config",
                config.toString()))) {
            d.awaitHealthy(Duration.ofSeconds(10));
            LiveCaptureIT.assertAttacksDetected(d);
            assertEquals(0, d.stop(), d.logText());
        }
    }

    /** The queue, the alert router and the webhook sink (JDK HTTP client) in the native executable. */
    @Test
    void queueAndWebhookAlertsWork() throws Exception {
        DaemonProcess.Result r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "bench", "queue",
                "--messages", "2000", "--incidents", "60"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("incident -> webhook: 60 of 60 delivered"), r.output());
        assertTrue(r.output().contains("synchronous=FULL"), r.output());
    }

    /** libpcap through Pcap4J (offline) and the attack detectors in the native executable. */
    @Test
    void replayFindsThePortScan() throws Exception {
        Path capture = DoctorIT.SHARED.resolve("data/pcap/ppa1e_portscan.pcap");
        SharedData.require(capture, "capture");
        DaemonProcess.Result r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "replay", capture.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("PORT_SCAN 10.100.25.14 -> 10.100.18.12"), r.output());
        r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "replay", "--json", capture.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("\"kind\":\"port_scan\"") && r.output().contains("\"peak_value\":"), r.output());
    }

    /**
     * ONNX Runtime in the native executable: the shipped traffic classifier loads (its sha256 checked), scores a
     * capture's connections and NSL-KDD rows, and leaves no telemetry file in /tmp.
     */
    @Test
    void classifiesWithTheShippedModel() throws Exception {
        Path capture = SharedData.require(DoctorIT.SHARED.resolve("data/pcap/cs_synscan.pcapng"), "capture");
        Path models = Path.of("models").toAbsolutePath();
        java.util.Set<String> before = telemetryFiles();
        DaemonProcess.Result r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "classify", capture.toString(),
                "--model-dir", models.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().matches("(?s).*cs_synscan.pcapng: 1997 connections: .*Probe 19\\d\\d .*"), r.output());
        Path rows = dir.resolve("rows.txt");
        Files.write(rows, Files.readAllLines(SharedData.require(DoctorIT.SHARED.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"),
                "NSL-KDD")).subList(0, 2000));
        DaemonProcess.Result e = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "evaluate", "traffic", "--data",
                rows.toString(), "--json", "--model-dir", models.toString()));
        assertEquals(0, e.exit(), e.output());
        assertTrue(e.output().contains("\"rows\" : 2000"), e.output());
        assertEquals(before, telemetryFiles(), "ONNX Runtime's telemetry log is left in /tmp");
    }

    private static java.util.Set<String> telemetryFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mat-debug-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void cliRefusesABadConfigNamingLineAndKey() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "detection:\n  learning_period: 7 days\n");
        DaemonProcess.Result r = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "check-config", bad.toString()));
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("detection.learning_period: '7 days' is not a duration"), r.output());
        assertTrue(r.output().contains(bad + ":2"), r.output());
        Path filter = Files.writeString(dir.resolve("filter.yaml"), "collectors:\n  network:\n    filter: port nonsense and\n");
        DaemonProcess.Result f = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "check-config",
                filter.toString()));
        assertEquals(2, f.exit(), f.output()); // libpcap's filter compiler, through JNA, in the native executable
        assertTrue(f.output().contains(filter + ":3:13: collectors.network.filter: 'port nonsense and' is not a valid"),
                f.output());
        DaemonProcess.Result v = DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "--version"));
        assertTrue(v.output().startsWith("anomaly-hunter "), v.output());
    }

    @Test
    void nativeBundleVerifiesAndLoadsItsLibrariesFromLib() throws Exception {
        Path key = dir.resolve("k.key");
        assertEquals(0, DaemonProcess.run(dir, DaemonProcess.nativeCommand(executable, "bundle", "keygen", "--private",
                key.toString(), "--public", dir.resolve("k.pub").toString())).exit());
        Shell.Result built = Shell.run(Path.of("").toAbsolutePath(), List.of("bash", "offline-bundle/build-bundle.sh",
                "--native", "--no-build", "--key", key.toString(), "--out", dir.toString()));
        assertEquals(0, built.exit(), built.output());
        assertTrue(built.output().contains("(native,"), built.output());
        assertEquals(0, Shell.sh(dir, "mkdir x && tar -C x -xzf anomaly-hunter-*-linux-x86_64.tar.gz").exit());
        Path bundle;
        try (Stream<Path> s = Files.list(dir.resolve("x"))) {
            bundle = s.findFirst().orElseThrow();
        }
        Path bin = bundle.resolve("bin/anomaly-hunter");
        DaemonProcess.Result verify = DaemonProcess.run(dir, DaemonProcess.nativeCommand(bin, "bundle", "verify",
                bundle.toString(), "--key", dir.resolve("k.pub").toString()));
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(Files.readString(bundle.resolve("MANIFEST")).contains("# kind=native"));

        // With a private, empty temp dir: after doctor has loaded all five libraries it holds no library.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path config = DaemonProcess.writeConfig(dir, 8080, "interval: 10s");
        List<String> cmd = DaemonProcess.nativeCommand(bin, "-Djava.io.tmpdir=" + tmp, "doctor", "--config", config.toString());
        SharedData.require(DoctorIT.MODEL, "model");
        cmd.addAll(List.of("--llm-model", DoctorIT.MODEL.toString()));
        List<String> withTmp = new ArrayList<>(List.of("env", "TMPDIR=" + tmp));
        withTmp.addAll(cmd);
        Shell.Result doctor = Shell.run(dir, withTmp);
        assertEquals(0, doctor.exit(), doctor.output());
        try (Stream<Path> s = Files.walk(tmp)) {
            List<Path> libs = s.filter(p -> p.getFileName().toString().matches(".*\\.so.*|.*sqlite.*|.*jna.*")).toList();
            assertTrue(libs.isEmpty(), "unpacked into the temp dir: " + libs);
        }
    }
}
