package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.alert.WebhookPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real CPU burner on this host while the packaged daemon runs with a short learning period: the burn must
 * show as one CPU anomaly for as long as it lasts and an incident in the API, on the SSE stream, in the CLI and
 * at a webhook, after quiet minutes that stayed quiet. Then a restart on the same data directory must keep the
 * learned baselines. Takes about eight minutes.
 */
@Tag("slow")
class CpuBurnerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CPU_TOTAL = "host_cpu_percent{mode=\"total\"}";
    private static final Duration QUIET = Duration.ofMinutes(5);
    private static final Duration BURN = Duration.ofSeconds(60);

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

    /** The total CPU series since the daemon started, a second at a time, as "value/band-high" pairs. */
    private static String cpuSeconds(DaemonProcess d) throws Exception {
        var r = d.get("/api/v1/series?since=20m&step=1s&metric=" + java.net.URLEncoder.encode(CPU_TOTAL,
                java.nio.charset.StandardCharsets.UTF_8));
        if (r == null || r.statusCode() != 200) {
            return "unavailable";
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode p : JSON.readTree(r.body()).path("points")) {
            out.append(String.format(java.util.Locale.ROOT, "%.0f/%.0f ", p.path("value").asDouble(), p.path("expected_high").asDouble(-1)));
        }
        return out.toString();
    }

    /** The anomalies that opened from {@code since} on, oldest first. */
    private static List<JsonNode> anomaliesSince(DaemonProcess d, Instant since) throws Exception {
        JsonNode items = JSON.readTree(d.get("/api/v1/anomalies?limit=1000&since=" + since).body()).path("items");
        List<JsonNode> out = new ArrayList<>();
        items.forEach(out::add);
        out.sort(Comparator.comparing(a -> a.path("start").asText()));
        return out;
    }

    private static JsonNode anomaly(DaemonProcess d, long id) throws Exception {
        for (JsonNode a : JSON.readTree(d.get("/api/v1/anomalies?limit=1000&since=1h").body()).path("items")) {
            if (a.path("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("anomaly " + id + " is gone");
    }

    /**
     * The acceptance of docs/detection.md on this host: one sample a second, a minute of learning, five quiet
     * minutes (fewer than ten anomalies, the figure is printed), then a minute of every core burning: a CPU
     * anomaly within 10 s that stays open while the burn lasts and closes within 10 s after it, in an incident
     * whose title names CPU, on SSE, in the CLI and at a webhook. Then a restart keeps the baselines.
     */
    @Test
    void aMinuteOfBurnIsOneCpuAnomalyForTheWholeMinuteAfterQuietMinutesThatStayedQuiet() throws Exception {
        int port = DaemonProcess.freePort();
        // The host model is off. On, its training is now the daemon's own work, which the baselines do not see, but a
        // model trained on about a minute of a quiet host is noisy by itself: a clean-clone CI counted 3 and then 12
        // host-model anomalies in the quiet minutes (the limit here is 10), none from a baseline. This test is the
        // baselines' acceptance; HostModelIT tests the host model.
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\nlearning_period: 60s\ncorrelation_window: 10s\n"
                + "host_model: {enabled: false}");
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
                    - {name: cpu, severity: warning, metric: host_cpu_percent, destinations: [hook, mail]}
                """.formatted(hook.url(), noRelay));
        try (hook; DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            d.awaitHealthy(Duration.ofSeconds(30));
            SseRecorder sse = new SseRecorder(d.base + "/api/v1/events");
            eventually("the SSE hello", Duration.ofSeconds(10), () -> sse.events().contains("hello") ? true : null);
            eventually("the CPU baseline to finish learning", Duration.ofSeconds(90), () -> {
                JsonNode m = cpuTotal(d);
                return m != null && m.path("baseline_ready").asBoolean() ? m : null;
            });
            Instant quietFrom = Instant.now();
            // polled as during learning: the host model learned this test's loopback traffic, and its stopping
            // would be a change of the host's state (a clean-clone CI saw 21 host-model anomalies that way)
            eventually("five quiet minutes", QUIET.plusSeconds(30), () ->
                    cpuTotal(d) != null && Duration.between(quietFrom, Instant.now()).compareTo(QUIET) >= 0 ? true : null);
            List<JsonNode> quiet = anomaliesSince(d, quietFrom);
            System.out.println("CpuBurnerIT: " + quiet.size() + " anomalies opened in the " + QUIET.toMinutes()
                    + " quiet minutes: " + quiet.stream().map(a -> a.path("series").asText()).toList());
            assertTrue(quiet.size() < 10, "anomalies in the quiet minutes: " + quiet);

            Instant burnFrom = Instant.now();
            List<Process> burners = new ArrayList<>();
            JsonNode cpu;
            Instant burnTo;
            try {
                for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                    burners.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
                }
                try {
                    cpu = eventually("a CPU anomaly within 10 s of the burn", Duration.ofSeconds(10), () ->
                            anomaliesSince(d, burnFrom.minusSeconds(1)).stream()
                                    .filter(a -> a.path("metric").asText().equals("host_cpu_percent")).findFirst().orElse(null));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; anomalies since: " + anomaliesSince(d, burnFrom.minusSeconds(1))
                            + "; CPU now: " + cpuTotal(d) + "\nCPU every second (value, band high) since the start: "
                            + cpuSeconds(d) + "\n" + d.logText(), e);
                }
                long flaggedAfter = Duration.between(burnFrom, Instant.parse(cpu.path("start").asText())).toMillis();
                System.out.println("CpuBurnerIT: burn flagged " + flaggedAfter + " ms after it began: " + cpu);
                System.out.println("CpuBurnerIT: CPU every second (value, band high) since the start: " + cpuSeconds(d));
                eventually("the burn's minute", BURN.plusSeconds(10), () ->
                        Duration.between(burnFrom, Instant.now()).compareTo(BURN.minusSeconds(2)) >= 0 ? true : null);
                JsonNode late = anomaly(d, cpu.path("id").asLong());
                assertTrue(late.path("open").asBoolean(), "still open 58 s into the burn: " + late);
            } finally {
                burners.forEach(Process::destroyForcibly);
                burnTo = Instant.now();
            }
            long id = cpu.path("id").asLong();
            JsonNode closed = eventually("the CPU anomaly to close", Duration.ofSeconds(15), () -> {
                JsonNode a = anomaly(d, id);
                return a.path("open").asBoolean() ? null : a;
            });
            Instant end = Instant.parse(closed.path("end").asText());
            System.out.println("CpuBurnerIT: the anomaly ended " + Duration.between(burnTo, end).toMillis()
                    + " ms after the burn stopped: " + closed);
            assertTrue(!end.isBefore(burnTo.minusSeconds(3)), "it lasted as long as the burn: " + closed);
            assertTrue(!end.isAfter(burnTo.plusSeconds(10)), "and ended within 10 s after it: " + closed);

            JsonNode incident = null;
            for (JsonNode i : JSON.readTree(d.get("/api/v1/incidents").body()).path("items")) {
                for (JsonNode member : i.path("anomaly_ids")) {
                    incident = member.asLong() == id ? i : incident;
                }
            }
            assertTrue(incident != null && incident.path("title").asText().toLowerCase(java.util.Locale.ROOT).contains("cpu"),
                    "the incident's title names CPU: " + incident);
            // Its root-cause report (rules) names the burner, the shell loop this test started, as the top cause.
            DaemonProcess.Result analysis = DaemonProcess.cli(dir, "analyze", incident.path("id").asText(), "--url", d.base,
                    "--json");
            assertEquals(0, analysis.exit(), analysis.output());
            JsonNode report = JSON.readTree(analysis.output().substring(analysis.output().indexOf('{')));
            System.out.println("CpuBurnerIT: report: " + report.path("summary").asText());
            assertEquals("sh", report.path("causes").path(0).path("subject").asText(), report.toPrettyString());
            DaemonProcess.Result shown = DaemonProcess.cli(dir, "incidents", "show", incident.path("id").asText(), "--url", d.base);
            assertEquals(0, shown.exit(), shown.output());
            assertTrue(shown.output().contains("Causes:\n  1. ") && shown.output().contains("[anomaly:" + id + "]"), shown.output());
            // The page: the burn is marked on the CPU chart (a span and a dot at its peak) and the band was kept.
            ChromeDriver browser = Browser.start(dir.resolve("chromium-profile"));
            try {
                browser.get(d.base + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // options are redrawn each tick
                // The burn may open on any mode of host_cpu_percent (idle falls as total rises): the operator picks
                // the anomaly's own series, as the test does, rather than relying on the default chart.
                String series = cpu.path("series").asText();
                wait.until(b -> b.findElements(By.cssSelector("#metric-select option")).stream()
                        .anyMatch(o -> series.equals(o.getAttribute("value"))));
                new Select(browser.findElement(By.id("metric-select"))).selectByValue(series);
                wait.until(b -> !b.findElements(By.cssSelector("#chart-marks circle.anomaly-peak")).isEmpty());
                assertTrue(browser.findElement(By.id("chart-band")).getAttribute("d").startsWith("M"), "a band is drawn");
                assertTrue(Integer.parseInt(browser.findElement(By.id("chart")).getAttribute("data-anomalies")) >= 1);
                Files.write(Path.of("target/burn-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
            eventually("the anomaly on the SSE stream", Duration.ofSeconds(10), () ->
                    sse.lines().stream().anyMatch(l -> l.startsWith("data:") && l.contains("host_cpu_percent")) ? true : null);
            assertTrue(sse.events().contains("anomaly"), sse.lines().toString());
            assertTrue(sse.events().contains("incident"), sse.lines().toString());

            DaemonProcess.Result cli = DaemonProcess.cli(dir, "anomalies", "--url", d.base, "--since", "10m");
            assertEquals(0, cli.exit(), cli.output());
            assertTrue(cli.output().contains("host_cpu_percent"), cli.output());
            DaemonProcess.Result cliByConfig = DaemonProcess.cli(dir, "incidents", "--config", config.toString());
            assertEquals(0, cliByConfig.exit(), cliByConfig.output());
            assertTrue(cliByConfig.output().matches("(?s).*\\n\\d+ +(open|resolved) .*host_cpu_percent.*"), cliByConfig.output());
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
            // Every alert of the burn's incident (firing, updated, resolved) ends as a dead letter.
            assertTrue(d.get("/metrics").body().matches("(?s).*anomaly_hunter_queue_dead\\{topic=\"alert:mail\"} [1-9]\\d*\\n.*"),
                    d.get("/metrics").body());
            sse.close();
            assertEquals(0, d.stop(), d.logText());
        }

        try (DaemonProcess again = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            again.awaitHealthy(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            JsonNode m = eventually("the CPU series after restart", Duration.ofSeconds(10), () -> cpuTotal(again));
            assertTrue(m.path("baseline_ready").asBoolean() && System.nanoTime() - t0 < 15_000_000_000L,
                    "restored baseline is ready at once, no new 60 s learning period: " + m);
            assertEquals(0, again.stop());
        }
    }
}
