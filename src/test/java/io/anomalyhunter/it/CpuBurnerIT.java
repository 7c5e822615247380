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
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real CPU burner on this host while the packaged daemon runs with a short learning period: the
 * burn must show as a CPU anomaly and an incident in the API, on the SSE stream and in the CLI. Then a
 * restart on the same data directory must keep the learned baselines.
 */
class CpuBurnerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CPU_TOTAL = "host_cpu_percent{mode=\"total\"}";

    @TempDir
    Path dir;

    static <T> T eventually(String what, Duration limit, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            T v = probe.call();
            if (v != null) {
                return v;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what);
    }

    private static JsonNode cpuTotal(DaemonProcess d) throws Exception {
        for (JsonNode m : JSON.readTree(d.get("/api/v1/metrics").body())) {
            if (CPU_TOTAL.equals(m.path("series").asText())) {
                return m;
            }
        }
        return null;
    }

    @Test
    void cpuBurnerBecomesAnomalyIncidentSseEventAndCliLineAndBaselinesSurviveRestart() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\nlearning_period: 20s\ncorrelation_window: 10s");
        // Alerts: a webhook that answers, and a mail relay that is not there (retried, then a dead letter).
        WebhookPeer hook = new WebhookPeer(0, 200);
        int noRelay = DaemonProcess.freePort();
        Files.writeString(config, Files.readString(config) + """
                alerts:
                  retry: {max_attempts: 2, initial: 100ms, max: 1s}
                  destinations:
                    - {name: hook, type: webhook, url: "%s"}
                    - {name: mail, type: smtp, host: 127.0.0.1, port: %d, from: ah@test, to: [ops@test], timeout: 1s}
                  rules:
                    - {name: cpu, severity: critical, metric: host_cpu_percent, destinations: [hook, mail]}
                """.formatted(hook.url(), noRelay));
        try (hook; DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            d.awaitHealthy(Duration.ofSeconds(30));
            SseRecorder sse = new SseRecorder(d.base + "/api/v1/events");
            eventually("the SSE hello", Duration.ofSeconds(10), () -> sse.events().contains("hello") ? true : null);
            eventually("the CPU baseline to finish learning", Duration.ofSeconds(60), () -> {
                JsonNode m = cpuTotal(d);
                return m != null && m.path("baseline_ready").asBoolean() ? m : null;
            });
            List<Process> burners = new ArrayList<>();
            try {
                for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                    burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
                }
                eventually("a CPU anomaly in /api/v1/anomalies", Duration.ofSeconds(30), () -> {
                    JsonNode items = JSON.readTree(d.get("/api/v1/anomalies?metric=host_cpu_percent").body()).path("items");
                    return items.size() > 0 ? items : null;
                });
            } finally {
                burners.forEach(Process::destroyForcibly);
            }
            JsonNode incidents = JSON.readTree(d.get("/api/v1/incidents").body()).path("items");
            assertTrue(incidents.size() > 0, "an incident: " + incidents);
            assertTrue(incidents.toString().contains("host_cpu_percent"), incidents.toString());
            eventually("the anomaly on the SSE stream", Duration.ofSeconds(10), () ->
                    sse.lines().stream().anyMatch(l -> l.startsWith("data:") && l.contains("host_cpu_percent")) ? true : null);
            assertTrue(sse.events().contains("anomaly"), sse.lines().toString());
            assertTrue(sse.events().contains("incident"), sse.lines().toString());

            DaemonProcess.Result cli = DaemonProcess.cli(dir, "anomalies", "--url", d.base, "--since", "10m");
            assertEquals(0, cli.exit(), cli.output());
            assertTrue(cli.output().contains("host_cpu_percent"), cli.output());
            DaemonProcess.Result cliByConfig = DaemonProcess.cli(dir, "incidents", "--config", config.toString());
            assertEquals(0, cliByConfig.exit(), cliByConfig.output());
            // The title names the top-scoring series, which may be another one the burn moved (disk, load).
            assertTrue(cliByConfig.output().matches("(?s).*\\n\\d+ +(open|resolved) .*anomalies\\).*"), cliByConfig.output());
            assertTrue(d.logText().contains("WARN") && d.logText().contains("anomaly"), d.logText());

            eventually("the firing alert at the webhook", Duration.ofSeconds(10), () -> hook.accepted().isEmpty() ? null : true);
            assertTrue(hook.accepted().get(0).body().contains("\"state\":\"firing\""), hook.accepted().get(0).body());
            eventually("the mail alert dead-lettered", Duration.ofSeconds(15), () ->
                    DaemonProcess.cli(dir, "queue", "list", "--dead", "--url", d.base).output().contains("alert:mail") ? true : null);
            DaemonProcess.Result dead = DaemonProcess.cli(dir, "queue", "list", "--dead", "--url", d.base);
            assertEquals(0, dead.exit(), dead.output());
            assertTrue(dead.output().contains("gave up after 2 attempts: java.net.ConnectException"), dead.output());
            DaemonProcess.Result stats = DaemonProcess.cli(dir, "queue", "stats", "--url", d.base);
            assertTrue(stats.output().contains("alert:hook"), stats.output());
            assertTrue(d.get("/metrics").body().contains("anomaly_hunter_queue_dead{topic=\"alert:mail\"} 1"));
            sse.close();
            assertEquals(0, d.stop(), d.logText());
        }

        try (DaemonProcess again = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            again.awaitHealthy(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            JsonNode m = eventually("the CPU series after restart", Duration.ofSeconds(10), () -> cpuTotal(again));
            assertTrue(m.path("baseline_ready").asBoolean() && System.nanoTime() - t0 < 15_000_000_000L,
                    "restored baseline is ready at once, no new 20 s learning period: " + m);
            assertEquals(0, again.stop());
        }
    }
}
