package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root-cause reports by the agents in a running daemon, through the durable queue: a pinned threshold opens an
 * incident at once, and its report job runs on the model worker. With stories260K the stored report is the LLM's,
 * schema-valid and citing only real evidence. With TinyStories-656K (no '{' in its vocabulary, so a JSON grammar
 * aborts llama.cpp) the worker dies on every attempt: the daemon stays up, the job is retried and ends as the
 * rule-based report marked as a fallback, and no job is left waiting or dead.
 */
class RcaLlmIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WORKER_PID = Pattern.compile("model worker started: pid (\\d+)");

    @TempDir
    Path dir;

    /** A 1 s interval, a pinned threshold that opens an incident at the first sample, and the model: two attempts. */
    static Path incidentAtOnceConfig(Path dir, int port, Path model) throws java.io.IOException {
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\nlearning_period: 0s");
        return Files.writeString(config, Files.readString(config) + """
                metrics:
                  - {name: host_processes, above: 1}
                models:
                  llm: {path: "%s", attempts: 2, threads: 2}
                """.formatted(model));
    }

    private DaemonProcess start(String model) throws Exception {
        Path file = SharedData.require(SharedData.DIR.resolve("models").resolve(model), "the tiny GGUF models");
        int port = DaemonProcess.freePort();
        Path config = RcaLlmIT.incidentAtOnceConfig(dir, port, file);
        DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
        d.awaitHealthy(Duration.ofSeconds(60));
        return d;
    }

    /** The first incident's stored report once it satisfies {@code done}. */
    private static JsonNode report(DaemonProcess d, Predicate<JsonNode> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = JSON.nullNode();
        while (System.nanoTime() < deadline) {
            var incidents = d.get("/api/v1/incidents");
            if (incidents != null && incidents.statusCode() == 200) {
                JsonNode items = JSON.readTree(incidents.body()).path("items");
                if (!items.isEmpty()) {
                    long id = items.get(items.size() - 1).path("id").asLong();
                    var r = d.get("/api/v1/incidents/" + id + "/report");
                    if (r != null && r.statusCode() == 200) {
                        last = JSON.readTree(r.body());
                        if (done.test(last)) {
                            return last;
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no such report within " + limit + "; last: " + last + "\n" + d.logText());
    }

    private static void assertSchema(JsonNode r) {
        for (String key : new String[] {"incident_id", "source", "model", "summary", "causes", "actions", "evidence", "created"}) {
            assertTrue(r.has(key), "report has " + key + ": " + r);
        }
        Set<String> ids = new HashSet<>();
        r.path("evidence").forEach(e -> {
            assertTrue(ids.add(e.path("id").asText()), "unique evidence id " + e);
            assertFalse(e.path("kind").asText().isEmpty(), e.toString());
        });
        int rank = 0;
        for (JsonNode c : r.path("causes")) {
            assertEquals(++rank, c.path("rank").asInt(), "causes in rank order: " + r.path("causes"));
            assertFalse(c.path("kind").asText().isEmpty() || c.path("subject").asText().isEmpty(), c.toString());
            double conf = c.path("confidence").asDouble(-1);
            assertTrue(conf >= 0 && conf <= 1, c.toString());
            assertFalse(c.path("evidence").isEmpty(), "a cause cites evidence: " + c);
            c.path("evidence").forEach(id -> assertTrue(ids.contains(id.asText()), "cites real evidence: " + id + " in " + ids));
            assertTrue(c.has("explanation"), c.toString());
        }
        assertTrue(rank >= 1 && rank <= 3, r.path("causes").toString());
        r.path("actions").forEach(a -> assertTrue(a.has("text") && a.has("command"), a.toString()));
    }

    private static long workerPid(DaemonProcess d) throws Exception {
        Matcher m = WORKER_PID.matcher(d.logText());
        assertTrue(m.find(), d.logText());
        return Long.parseLong(m.group(1));
    }

    @Test
    void theAgentsWriteTheReportOnTheTinyModel() throws Exception {
        try (DaemonProcess d = start("stories260K.gguf")) {
            JsonNode r = report(d, x -> x.path("source").asText().equals("llm"), Duration.ofSeconds(90));
            assertSchema(r);
            assertEquals("stories260K.gguf", r.path("model").asText());
            assertTrue(r.path("notes").toString().contains("Pattern Analyst"), r.toString());
            long worker = workerPid(d);
            DaemonProcess.Result analyze = DaemonProcess.cli(dir, "analyze", "--url", d.base, Long.toString(r.path("incident_id").asLong()));
            assertEquals(0, analyze.exit(), analyze.output());
            assertTrue(analyze.output().contains("(from the llm, stories260K.gguf)"), analyze.output());
            incidentView(d, r);
            assertEquals(0, d.stop(), d.logText());
            assertFalse(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false), "the worker ends with the daemon");
            assertFalse(d.logText().contains("Exception"), d.logText());
        }
    }

    /** The web page's incident view shows the stored report: source, causes in rank order, actions and evidence. */
    private void incidentView(DaemonProcess d, JsonNode r) throws Exception {
        ChromeDriver browser = Browser.start(dir.resolve("chromium-profile"));
        try {
            browser.get(d.base + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            String id = r.path("incident_id").asText();
            wait.until(b -> !b.findElements(By.cssSelector("#incidents tr[data-id='" + id + "']")).isEmpty());
            browser.findElement(By.cssSelector("#incidents tr[data-id='" + id + "']")).click();
            wait.until(b -> b.findElement(By.id("incident-view")).isDisplayed());
            assertTrue(browser.findElement(By.id("report-source")).getText().contains("agents on stories260K.gguf"),
                    browser.findElement(By.id("report-source")).getText());
            var rows = browser.findElements(By.cssSelector("#report-causes tr[data-rank]"));
            assertEquals(r.path("causes").size(), rows.size());
            assertEquals(r.path("causes").get(0).path("subject").asText(),
                    rows.get(0).findElement(By.cssSelector("td.subject")).getText());
            assertEquals(r.path("evidence").size(), browser.findElements(By.cssSelector("#report-evidence tr")).size());
            assertFalse(browser.findElements(By.cssSelector("#report-actions li code")).isEmpty());
            Files.write(Path.of("target/incident-view-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aWorkerThatAbortsEveryTimeEndsInTheRulesFallbackAndNothingIsLost() throws Exception {
        try (DaemonProcess d = start("TinyStories-656K-Q8_0.gguf")) {
            JsonNode r = report(d, x -> x.path("notes").toString().contains("failed 2 times"), Duration.ofSeconds(120));
            assertSchema(r);
            assertEquals("rules", r.path("source").asText(), r.toString());
            assertTrue(r.path("notes").toString().contains("signal 6"), r.toString());
            assertEquals(200, d.get("/health").statusCode(), "the daemon stays up");
            assertTrue(d.process.isAlive());
            String log = d.logText();
            assertTrue(log.contains("killed by signal 6"), log);
            assertTrue(log.contains("storing the rule-based report"), log);
            // every job ran to its end: none waits, none is dead
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode rca = JSON.nullNode();
            while (System.nanoTime() < deadline) {
                for (JsonNode t : JSON.readTree(d.get("/api/v1/queue").body())) {
                    if (t.path("topic").asText().equals("rca")) {
                        rca = t;
                    }
                }
                if (rca.path("waiting").asInt(-1) == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(0, rca.path("waiting").asInt(-1), rca.toString());
            assertEquals(0, rca.path("dead").asInt(-1), rca.toString());
            assertTrue(rca.path("retried_since_start").asInt() >= 1, rca.toString());
            assertEquals(0, d.stop(), d.logText());
        }
    }
}
