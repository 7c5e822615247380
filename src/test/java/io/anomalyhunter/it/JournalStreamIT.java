package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With JOURNAL_STREAM set, as systemd sets it, every log line carries the sd-daemon priority prefix;
 * without it, lines are plain.
 */
class JournalStreamIT {
    @TempDir
    Path dir;

    private List<String> runUntilAnomaly(boolean journal) throws Exception {
        int port = DaemonProcess.freePort();
        Path config = Files.writeString(dir.resolve("c.yaml"), """
                detection:
                  interval: 1s
                storage:
                  path: %s
                http:
                  port: %d
                metrics:
                  - name: host_processes
                    above: 1
                """.formatted(dir.resolve(journal + ".db"), port));
        Path log = dir.resolve(journal + ".log");
        ProcessBuilder pb = new ProcessBuilder(DaemonProcess.command("run", "--config", config.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("JOURNAL_STREAM");
        if (journal) {
            pb.environment().put("JOURNAL_STREAM", "8:123456");
        }
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.readString(log).contains("anomaly 1 opened") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        return Files.readAllLines(log);
    }

    @Test
    void linesCarryThePriorityPrefixUnderTheJournal() throws Exception {
        List<String> lines = runUntilAnomaly(true);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<4>[events] anomaly 1 opened")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>[DaemonApplication] anomaly-hunter ready")), lines.toString());
        List<String> unprefixed = lines.stream().filter(l -> !l.isBlank() && !l.matches("<[0-7]>.*")).toList();
        assertEquals(List.of(), unprefixed, "every line has a priority");
    }

    @Test
    void linesArePlainElsewhere() throws Exception {
        List<String> lines = runUntilAnomaly(false);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING [events] anomaly 1 opened")), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("<")), lines.toString());
    }

    @Test
    void startRefusalsAreErrorsUnderTheJournal() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "http:\n  port: 99999\n");
        ProcessBuilder pb = new ProcessBuilder(DaemonProcess.command("run", "--config", bad.toString()))
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JOURNAL_STREAM", "8:123456");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor());
        for (String line : out.strip().split("\n")) {
            assertTrue(line.startsWith("<3>"), "error priority on: " + line);
        }
    }
}
