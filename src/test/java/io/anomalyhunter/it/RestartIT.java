package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.alert.WebhookPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five kill -9s while an incident is open and its webhook is failing, a restart after each: the anomaly and the
 * incident are resumed each time (their condition, forty extra processes over a pinned limit, still holds),
 * and once the condition ends and the webhook is back, nothing is left open, every fired alert has its resolved
 * alert, and no queued message was lost.
 */
class RestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    private static int processes(DaemonProcess d) throws Exception {
        for (JsonNode m : JSON.readTree(d.get("/api/v1/metrics").body())) {
            if (m.path("series").asText().equals("host_processes")) {
                return m.path("value").asInt();
            }
        }
        return -1;
    }

    private static JsonNode items(DaemonProcess d, String path) throws Exception {
        return JSON.readTree(d.get(path).body()).path("items");
    }

    @Test
    void killsDuringAnOpenIncidentLoseNothingAndLeaveNothingOpen() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\ncorrelation_window: 5s");
        WebhookPeer hook = new WebhookPeer(Integer.MAX_VALUE, 503);
        List<Process> sleepers = new ArrayList<>();
        try (hook) {
            int limit;
            DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
            try {
                d.awaitHealthy(Duration.ofSeconds(30));
                int base = CpuBurnerIT.eventually("the process count", Duration.ofSeconds(20), () -> {
                    int n = processes(d);
                    return n > 0 ? n : null;
                });
                assertEquals(0, d.stop());
                limit = base + 20;
            } finally {
                d.close();
            }
            Files.writeString(config, Files.readString(config) + """
                    metrics:
                      - {name: host_processes, above: %d}
                    alerts:
                      retry: {max_attempts: 100, initial: 200ms, max: 1s}
                      destinations:
                        - {name: hook, type: webhook, url: "%s"}
                      rules:
                        - {name: all, severity: info, destinations: [hook]}
                    """.formatted(limit, hook.url()));
            for (int i = 0; i < 40; i++) {
                sleepers.add(new ProcessBuilder("sleep", "600").start());
            }
            Set<Long> incidentsSeen = new TreeSet<>();
            for (int kill = 0; kill <= KILLS; kill++) {
                DaemonProcess run = DaemonProcess.start(dir, port, "run", "--config", config.toString());
                run.awaitHealthy(Duration.ofSeconds(30));
                JsonNode open = CpuBurnerIT.eventually("an open incident in run " + kill, Duration.ofSeconds(20), () -> {
                    JsonNode items = items(run, "/api/v1/incidents?state=open");
                    return items.size() > 0 ? items : null;
                });
                open.forEach(i -> incidentsSeen.add(i.path("id").asLong()));
                if (kill == KILLS) {
                    sleepers.forEach(Process::destroyForcibly);
                    hook.heal();
                    CpuBurnerIT.eventually("every incident resolved", Duration.ofSeconds(30), () ->
                            items(run, "/api/v1/incidents?state=open").size() == 0 ? true : null);
                    CpuBurnerIT.eventually("every alert delivered", Duration.ofSeconds(30), () ->
                            queueSettled(run) ? true : null);
                    JsonNode anomalies = items(run, "/api/v1/anomalies?since=1h&limit=1000");
                    for (JsonNode a : anomalies) {
                        assertTrue(!a.path("open").asBoolean(), "an anomaly without a live condition is open: " + a);
                    }
                    assertEquals(0, run.stop(), run.logText());
                } else {
                    run.process.destroyForcibly().waitFor();
                }
                run.close();
            }
            assertEquals(1, incidentsSeen.size(), "the same incident was resumed after every kill: " + incidentsSeen);
            Map<Long, Set<String>> states = new HashMap<>();
            for (WebhookPeer.Request r : hook.accepted()) {
                JsonNode alert = JSON.readTree(r.body());
                states.computeIfAbsent(alert.path("incident_id").asLong(), k -> new TreeSet<>()).add(alert.path("state").asText());
            }
            for (long id : incidentsSeen) {
                assertTrue(states.getOrDefault(id, Set.of()).containsAll(Set.of("firing", "resolved")),
                        "incident " + id + " fired and resolved at the webhook: " + states);
            }
        } finally {
            sleepers.forEach(Process::destroyForcibly);
        }
    }

    /** Nothing waiting or dead in the queue: every message enqueued was delivered. */
    private static boolean queueSettled(DaemonProcess d) throws Exception {
        JsonNode topics = JSON.readTree(d.get("/api/v1/queue").body());
        long waiting = 0;
        for (JsonNode topic : topics) {
            waiting += topic.path("waiting").asLong();
            if (topic.path("dead").asLong() > 0) {
                throw new AssertionError("dead letters: " + topics);
            }
        }
        return waiting == 0 && topics.size() > 0;
    }
}
