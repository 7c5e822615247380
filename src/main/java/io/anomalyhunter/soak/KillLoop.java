package io.anomalyhunter.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * kill -9 loops while an incident is open and its webhook fails; in the end the condition clears and the webhook
 * heals. Lost: incidents that did not both fire and resolve at the webhook, anything left open, dead letters.
 */
final class KillLoop {
    private final List<String> self;
    private final int kills;

    KillLoop(List<String> self, int kills) {
        this.self = self;
        this.kills = kills;
    }

    ScenarioResult run(Path dir) throws Exception {
        int port = SoakDaemon.freePort();
        Path db = dir.resolve("ah.db");
        int base;
        try (SoakDaemon first = SoakDaemon.start(self, dir, SoakConfig.write(dir, port, db, ""), port)) {
            first.awaitHealthy(Duration.ofSeconds(60));
            base = Waits.until(Duration.ofSeconds(30), () -> processes(first));
            first.stop();
        }
        List<Long> healthyMs = new ArrayList<>();
        Set<Long> incidents = new TreeSet<>();
        long lost = 0;
        List<String> problems = new ArrayList<>();
        try (HookPeer hook = new HookPeer(true); Sleepers sleepers = new Sleepers()) {
            Path config = SoakConfig.write(dir, port, db, SoakConfig.processLimit(base + Sleepers.COUNT / 2)
                    + SoakConfig.webhook(hook.url()));
            for (int round = 0; round <= kills; round++) {
                SoakDaemon d = SoakDaemon.start(self, dir, config, port);
                try {
                    healthyMs.add(d.awaitHealthy(Duration.ofSeconds(60)));
                    JsonNode open = Waits.until(Duration.ofSeconds(30), () -> {
                        JsonNode items = d.json("/api/v1/incidents?state=open").path("items");
                        return items.size() > 0 ? items : null;
                    });
                    open.forEach(i -> incidents.add(i.path("id").asLong()));
                    if (round < kills) {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(500, 3000));
                        d.kill();
                        continue;
                    }
                    sleepers.close();
                    hook.heal();
                    Waits.until(Duration.ofSeconds(60), () ->
                            d.json("/api/v1/incidents?state=open").path("items").size() == 0 ? true : null);
                    Waits.until(Duration.ofSeconds(60), () -> waiting(d) == 0 ? true : null);
                    for (JsonNode a : d.json("/api/v1/anomalies?since=1h&limit=1000").path("items")) {
                        if (a.path("open").asBoolean()) {
                            lost++;
                            problems.add("anomaly " + a.path("id").asLong() + " still open");
                        }
                    }
                    lost += dead(d);
                    d.stop();
                } finally {
                    d.close();
                }
            }
            Map<Long, Set<String>> states = hook.states();
            for (long id : incidents) {
                if (!states.getOrDefault(id, Set.of()).containsAll(Set.of("firing", "resolved"))) {
                    lost++;
                    problems.add("incident " + id + " reached the webhook as " + states.getOrDefault(id, Set.of()));
                }
            }
            List<String> figures = new ArrayList<>();
            figures.add(kills + " kill -9s; restart to healthy " + healthyMs.stream().mapToLong(Long::longValue).min().orElse(0)
                    + "-" + healthyMs.stream().mapToLong(Long::longValue).max().orElse(0) + " ms");
            figures.add("incidents seen " + incidents + "; alerts accepted by the webhook " + hook.acceptedCount()
                    + " (" + states + ")");
            figures.add("stack traces in the log: " + Waits.stackTraces(Files.readString(dir.resolve("daemon.log"))));
            figures.addAll(problems);
            return new ScenarioResult("kill -9 loop", kills + " kill -9s during an open incident with a failing webhook",
                    lost, figures, null);
        }
    }

    private static Integer processes(SoakDaemon d) throws Exception {
        for (JsonNode m : d.json("/api/v1/metrics")) {
            if (m.path("series").asText().equals("host_processes")) {
                return m.path("value").asInt() > 0 ? m.path("value").asInt() : null;
            }
        }
        return null;
    }

    static long waiting(SoakDaemon d) throws Exception {
        long n = 0;
        for (JsonNode t : d.json("/api/v1/queue")) {
            n += t.path("waiting").asLong();
        }
        return n;
    }

    static long dead(SoakDaemon d) throws Exception {
        long n = 0;
        for (JsonNode t : d.json("/api/v1/queue")) {
            n += t.path("dead").asLong();
        }
        return n;
    }
}
