package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged command line: exit codes and messages, with no daemon running. */
class CliIT {
    @TempDir
    Path dir;

    @Test
    void versionAndHelp() throws Exception {
        DaemonProcess.Result v = DaemonProcess.cli(dir, "--version");
        assertEquals(0, v.exit());
        assertTrue(v.output().startsWith("anomaly-hunter 0."), v.output());
        DaemonProcess.Result h = DaemonProcess.cli(dir, "--help");
        assertEquals(0, h.exit());
        for (String cmd : new String[] {"run", "check-config", "status", "anomalies", "incidents"}) {
            assertTrue(h.output().contains(cmd), "help lists " + cmd);
        }
        assertTrue(h.output().matches("(?s).*2 +bad input.*"), h.output());
        assertEquals(0, DaemonProcess.cli(dir, "anomalies", "--help").exit());
        assertEquals(2, DaemonProcess.cli(dir, "no-such-command").exit());
    }

    /** Each bad config refuses the start with exit 2 and one line naming the key and the value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "detection:\\n  interval: 10s\\n   sensitivity: high | malformed YAML",
        "detection:\\n  learning_speed: fast                 | unknown key 'detection.learning_speed'",
        "detection:\\n  learning_period: 7 days              | detection.learning_period: '7 days' is not a duration",
        "http:\\n  port: 99999                               | http.port: '99999' is out of range",
    })
    void runRefusesBadConfigNamingKeyAndValue(String yaml, String message) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), yaml.replace("\\n", "\n"));
        DaemonProcess.Result r = DaemonProcess.cli(dir, "run", "--config", config.toString());
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("config refused, not starting"), r.output());
        assertTrue(r.output().contains(message), r.output());
        assertTrue(!r.output().contains("\tat "), "no stack trace: " + r.output());
        DaemonProcess.Result check = DaemonProcess.cli(dir, "check-config", config.toString());
        assertEquals(2, check.exit());
        assertTrue(check.output().contains(message), check.output());
    }

    @Test
    void checkConfigAcceptsTheShippedExample() throws Exception {
        DaemonProcess.Result r = DaemonProcess.cli(dir, "check-config", Path.of("config.yaml.example").toAbsolutePath().toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("config OK"));
    }

    @Test
    void runRefusesAStoragePathThatIsNotSqliteAndLeavesItUntouched() throws Exception {
        Path notDb = Files.writeString(dir.resolve("important.txt"), "precious data\n");
        byte[] before = Files.readAllBytes(notDb);
        Path config = Files.writeString(dir.resolve("c.yaml"), "storage:\n  path: " + notDb + "\n");
        DaemonProcess.Result r = DaemonProcess.cli(dir, "run", "--config", config.toString());
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("storage.path=" + notDb + " is not a SQLite database"), r.output());
        assertArrayEquals(before, Files.readAllBytes(notDb));
        assertTrue(Files.notExists(dir.resolve("important.txt-wal")));
    }

    @Test
    void runSaysWhichPortIsTakenWithoutAStackTrace() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = DaemonProcess.writeConfig(dir, taken.getLocalPort(), "interval: 1s");
            DaemonProcess.Result r = DaemonProcess.cli(dir, "run", "--config", config.toString());
            assertEquals(1, r.exit(), r.output());
            assertTrue(r.output().contains("start failed (http.host=127.0.0.1, http.port=" + taken.getLocalPort() + ")"),
                    r.output());
            assertTrue(!r.output().contains("\tat "), "no stack trace: " + r.output());
        }
    }

    @Test
    void clientCommandsSayWhenNoDaemonAnswers() throws Exception {
        int port = DaemonProcess.freePort();
        for (String cmd : new String[] {"status", "anomalies", "incidents"}) {
            DaemonProcess.Result r = DaemonProcess.cli(dir, cmd, "--url", "http://127.0.0.1:" + port);
            assertEquals(1, r.exit(), cmd + ": " + r.output());
            assertTrue(r.output().contains("no daemon answers at http://127.0.0.1:" + port), r.output());
        }
    }

    /** Without libpcap, replay says that, not that the file is no capture; a FIFO is refused at once. */
    @Test
    void replaySaysWhenLibpcapIsMissingAndRefusesAFifo() throws Exception {
        Path capture = CaptureFiles.tinyPcap(dir.resolve("one.pcap"));
        java.util.List<String> cmd = DaemonProcess.command("replay", capture.toString());
        cmd.add(1, "-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so.0.8");
        DaemonProcess.Result r = DaemonProcess.run(dir, cmd);
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("libpcap is not installed") && r.output().contains("libpcap0.8"), r.output());
        Path fifo = dir.resolve("pipe.pcap");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        long t0 = System.nanoTime();
        r = DaemonProcess.cli(dir, "replay", fifo.toString());
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("is a FIFO, device or socket, not a capture file"), r.output());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused at once");
    }
}
