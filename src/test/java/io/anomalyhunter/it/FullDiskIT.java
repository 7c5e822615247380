package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.alert.WebhookPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database on a 2 MB tmpfs that a filler file fills to the last byte while an incident opens: /health says
 * DEGRADED, the log says so a few times rather than twice a second, and once the filler is gone the incident is
 * in the database and its alert is delivered. Needs root (mount).
 */
@Tag("slow")
class FullDiskIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OPENED = Pattern.compile("incident (\\d+) opened");

    @TempDir
    Path dir;

    @Test
    void aFullDiskLosesNoIncidentAndSaysSoWithoutFloodingTheLog() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root (CI runs as root)");
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assertEquals(0, Shell.sh(dir, "mount -t tmpfs -o size=2m tmpfs " + disk).exit());
        List<Process> sleepers = new ArrayList<>();
        try (WebhookPeer hook = new WebhookPeer(0, 200)) {
            int port = DaemonProcess.freePort();
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    detection:
                      interval: 1s
                      correlation_window: 5s
                    storage:
                      path: %s
                      min_free: 0B
                    http:
                      port: %d
                    collectors:
                      network:
                        enabled: false
                    metrics:
                      - {name: host_processes, above: %d}
                    alerts:
                      destinations:
                        - {name: hook, type: webhook, url: "%s"}
                      rules:
                        - {name: all, severity: info, destinations: [hook]}
                    """.formatted(disk.resolve("ah.db"), port, processes() + 20, hook.url()));
            try (DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
                d.awaitHealthy(Duration.ofSeconds(30));
                assertEquals("UP", health(d).path("status").asText());
                // Fill the disk to the last byte, then open an incident while it is full.
                int logLinesBefore = d.logText().split("\n").length;
                Shell.sh(dir, "dd if=/dev/zero of=" + disk.resolve("filler") + " bs=4k 2>/dev/null; true");
                CpuBurnerIT.eventually("/health DEGRADED", Duration.ofSeconds(30), () ->
                        health(d).path("status").asText().equals("DEGRADED") ? true : null);
                long fullFrom = System.nanoTime();
                for (int i = 0; i < 40; i++) {
                    sleepers.add(new ProcessBuilder("sleep", "600").start());
                }
                CpuBurnerIT.eventually("an incident logged as opened", Duration.ofSeconds(20), () ->
                        OPENED.matcher(d.logText()).find() ? true : null);
                sleepers.forEach(Process::destroyForcibly);
                CpuBurnerIT.eventually("twenty more seconds of a full disk", Duration.ofSeconds(40), () ->
                        System.nanoTime() - fullFrom > 20_000_000_000L ? true : null);
                assertEquals("DEGRADED", health(d).path("status").asText(), health(d).toString());
                assertTrue(health(d).path("degraded").asText().contains("database writes fail"), health(d).toString());
                String[] lines = d.logText().split("\n");
                List<String> aboutLines = java.util.Arrays.stream(lines, logLinesBefore, lines.length)
                        .filter(l -> l.contains("database") || l.contains("queue") || l.contains("free space")).toList();
                aboutLines.forEach(l -> System.out.println("FullDiskIT log: " + l));
                long about = aboutLines.size();
                System.out.println("FullDiskIT: " + about + " log lines about the full disk in its first 20 s; /health: "
                        + health(d).path("degraded").asText());
                assertTrue(about < 10, "log lines about the full disk in 20 s: " + about + "\n" + d.logText());

                Files.delete(disk.resolve("filler"));
                CpuBurnerIT.eventually("/health UP again", Duration.ofSeconds(120), () ->
                        health(d).path("status").asText().equals("UP") ? true : null);
                Set<Long> logged = new TreeSet<>();
                Matcher m = OPENED.matcher(d.logText());
                while (m.find()) {
                    logged.add(Long.parseLong(m.group(1)));
                }
                for (long id : logged) {
                    CpuBurnerIT.eventually("incident " + id + " in the database", Duration.ofSeconds(20), () ->
                            d.get("/api/v1/incidents/" + id).statusCode() == 200 ? true : null);
                    CpuBurnerIT.eventually("incident " + id + " at the webhook", Duration.ofSeconds(30), () ->
                            hook.accepted().stream().anyMatch(r -> r.body().contains("\"incident_id\":" + id)) ? true : null);
                }
                assertTrue(d.logText().contains("database writes work again"), d.logText());
                System.out.println("FullDiskIT: incidents logged as opened while full, all stored and alerted: " + logged);
                assertEquals(0, d.stop(), d.logText());
            }
        } finally {
            sleepers.forEach(Process::destroyForcibly);
            Shell.sh(dir, "umount " + disk);
        }
    }

    private static int processes() throws Exception {
        try (var s = Files.list(Path.of("/proc"))) {
            return (int) s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
        }
    }

    private static JsonNode health(DaemonProcess d) throws Exception {
        return JSON.readTree(d.get("/health").body());
    }
}
