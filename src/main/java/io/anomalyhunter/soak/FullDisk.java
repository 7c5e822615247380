package io.anomalyhunter.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database on a 2 MB tmpfs that is filled to the last byte while an incident opens and resolves; then space
 * returns. Lost: incidents logged as opened that are not in the database, or whose alert never arrived. Needs root.
 */
final class FullDisk {
    private static final Pattern OPENED = Pattern.compile("incident (\\d+) opened");
    private final List<String> self;

    FullDisk(List<String> self) {
        this.self = self;
    }

    ScenarioResult run(Path dir) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return ScenarioResult.skipped("full disk", "mounting a tmpfs needs root");
        }
        Path disk = Files.createDirectories(dir.resolve("disk"));
        if (new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()).inheritIO().start().waitFor() != 0) {
            return ScenarioResult.skipped("full disk", "mount -t tmpfs failed");
        }
        try (HookPeer hook = new HookPeer(false)) {
            int port = SoakDaemon.freePort();
            int base;
            try (var procs = Files.list(Path.of("/proc"))) {
                base = (int) procs.filter(p -> p.getFileName().toString().matches("\\d+")).count();
            }
            Path config = SoakConfig.write(dir, port, disk.resolve("ah.db"), SoakConfig.processLimit(base + Sleepers.COUNT / 2)
                    + SoakConfig.webhook(hook.url()));
            Files.writeString(config, Files.readString(config).replace("  path: " + disk.resolve("ah.db"),
                    "  path: " + disk.resolve("ah.db") + "\n  min_free: 0B"));
            try (SoakDaemon d = SoakDaemon.start(self, dir, config, port)) {
                d.awaitHealthy(Duration.ofSeconds(60));
                long linesBefore = d.logLines();
                fill(disk.resolve("filler"));
                long t0 = System.nanoTime();
                Waits.until(Duration.ofSeconds(60), () -> "DEGRADED".equals(d.json("/health").path("status").asText()) ? true : null);
                long degradedMs = (System.nanoTime() - t0) / 1_000_000;
                try (Sleepers condition = new Sleepers()) {
                    Waits.until(Duration.ofSeconds(30), () -> OPENED.matcher(d.logText()).find() ? true : null);
                }
                Thread.sleep(30_000); // half a minute of a full disk
                List<String> lines = d.logText().lines().skip(linesBefore).toList();
                long about = lines.stream().filter(l -> l.contains("database") || l.contains("queue") || l.contains("free space")).count();
                Files.delete(disk.resolve("filler"));
                Waits.until(Duration.ofSeconds(120), () -> "UP".equals(d.json("/health").path("status").asText()) ? true : null);
                Set<Long> logged = new TreeSet<>();
                Matcher m = OPENED.matcher(d.logText());
                while (m.find()) {
                    logged.add(Long.parseLong(m.group(1)));
                }
                long lost = 0;
                List<String> figures = new ArrayList<>();
                Thread.sleep(10_000);
                for (long id : logged) {
                    JsonNode incident = d.json("/api/v1/incidents/" + id);
                    boolean stored = incident.path("id").asLong() == id;
                    boolean alerted = hook.states().containsKey(id);
                    if (!stored || !alerted) {
                        lost++;
                        figures.add("incident " + id + ": stored " + stored + ", alerted " + alerted);
                    }
                }
                figures.add(0, "/health DEGRADED " + degradedMs + " ms after the disk filled; " + about
                        + " log lines about it over " + (lines.isEmpty() ? 0 : 30) + "+ s of a full disk");
                figures.add(1, "incidents opened while full: " + logged + "; stack traces in the log: "
                        + Waits.stackTraces(d.logText()));
                d.stop();
                return new ScenarioResult("full disk", "a 2 MB disk filled while an incident opened and resolved", lost,
                        figures, null);
            }
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private static void fill(Path filler) throws Exception {
        new ProcessBuilder("dd", "if=/dev/zero", "of=" + filler, "bs=4k").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
