package io.anomalyhunter.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@TestProfile(FastDaemonProfile.class)
class ApiTest {

    /** Polls until the condition holds; the daemon collects every second. */
    static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
        eventually(what, condition, () -> "");
    }

    /** As above; {@code state} says what was seen instead when it times out. */
    static void eventually(String what, Supplier<Boolean> condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void healthIsUpAndListsTheHostCollector() throws InterruptedException {
        eventually("ready", () -> given().get("/health").jsonPath().getBoolean("ready"));
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("collectors.name", hasItem("host"))
                .body("collectors.status", hasItem("RUNNING"))
                .body("database", equalTo("schema v9"));
    }

    @Test
    void networkShowsTheLoopbackCaptureWithTrafficWindowsAndMetrics() throws InterruptedException {
        // Each poll is loopback traffic of our own. The first window may close before any of it was
        // captured (it can be a few milliseconds long), so wait for one that counted a flow.
        eventually("a traffic window with flows", () -> {
            JsonPath network = given().get("/api/v1/network").jsonPath();
            Integer created = network.get("interfaces[0].flows.created");
            return network.get("interfaces[0].latest") != null && created != null && created > 0;
        }, () -> given().get("/api/v1/network").asString());
        given().get("/api/v1/network").then().statusCode(200)
                .body("interfaces[0].name", equalTo("lo"))
                .body("interfaces[0].state", equalTo("running"))
                .body("interfaces[0].latest.seconds", greaterThan(0f))
                .body("interfaces[0].flows.created", greaterThan(0));
        given().get("/health").then().body("collectors.find { it.name == 'network' }.detail", equalTo("capturing on lo"));
        eventually("net metrics", () -> given().get("/api/v1/metrics").jsonPath()
                .getList("series").contains("net_packets_per_second{direction=\"out\",interface=\"lo\"}"));
    }

    @Test
    void metricsListsAtLeastThirtyHostSeriesWithValues() throws InterruptedException {
        eventually("30 series", () -> given().get("/api/v1/metrics").jsonPath().getList("$").size() >= 30);
        given().get("/api/v1/metrics").then().statusCode(200)
                .body("size()", greaterThanOrEqualTo(30))
                .body("find { it.series == 'host_cpu_percent{mode=\"total\"}' }.unit", equalTo("percent"))
                .body("find { it.series == 'host_processes' }.value", greaterThan(1f));
    }

    @Test
    void pinnedThresholdShowsAsAnomalyAndIncident() throws InterruptedException {
        eventually("an incident", () -> !given().get("/api/v1/incidents").jsonPath().getList("items").isEmpty());
        given().get("/api/v1/anomalies?metric=host_processes&min_score=0.9").then().statusCode(200)
                .body("items[0].detector", equalTo("threshold"))
                .body("items[0].series", equalTo("host_processes"))
                .body("items[0].expected_high", equalTo(1.0f));
        long id = given().get("/api/v1/incidents").jsonPath().getLong("items[0].id");
        given().get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("anomalies.series", hasItem("host_processes"));
        // its root-cause report, by rule: every cited evidence id is one of the report's evidence
        var report = given().get("/api/v1/incidents/" + id + "/report").then().statusCode(200)
                .body("incident_id", equalTo((int) id)).body("source", equalTo("rules"))
                .body("evidence.id", hasItem(org.hamcrest.Matchers.startsWith("anomaly:"))).extract().jsonPath();
        List<String> ids = report.getList("evidence.id");
        for (List<String> cited : report.<List<String>>getList("causes.evidence")) {
            assertTrue(ids.containsAll(cited), cited + " not all in " + ids);
        }
        given().get("/api/v1/incidents/999999/report").then().statusCode(404);
        // the queue's second consumer analysed it and stored the report, which is then what the API serves
        eventually("the incident's analysis job done", () -> given().get("/api/v1/queue").jsonPath()
                .getList("findAll { it.topic == 'rca' }.done", Integer.class).stream().anyMatch(n -> n > 0));
        given().get("/api/v1/incidents/" + id + "/report").then().statusCode(200).body("incident_id", equalTo((int) id))
                .body("source", equalTo("rules"));
    }

    /** A container in a crash loop is an anomaly naming it, through the running daemon, within a minute. */
    @Test
    void aCrashLoopingContainerIsAnAnomalyNamingIt() throws Exception {
        try (io.anomalyhunter.testing.TestDocker docker = io.anomalyhunter.testing.TestDocker.require()) {
            String name = io.anomalyhunter.testing.TestDocker.name("api-loop");
            long started = System.nanoTime();
            docker.run(name, "--restart", "on-failure", io.anomalyhunter.testing.TestDocker.IMAGE, "sh", "-c", "exit 1");
            String url = "/api/v1/anomalies?metric=container_trouble&since=10m";
            eventually("a restart_loop anomaly for " + name, () -> given().get(url).jsonPath()
                    .getList("items.labels.container", String.class).contains(name));
            assertTrue(System.nanoTime() - started < 60_000_000_000L, "within 60 s");
            JsonPath p = given().get(url).jsonPath();
            int i = p.getList("items.labels.container", String.class).indexOf(name);
            assertEquals("restart_loop", p.getString("items[" + i + "].labels.kind"));
            assertEquals("containers", p.getString("items[" + i + "].detector"));
            assertTrue(p.getString("items[" + i + "].reason").startsWith(name + " is in a restart loop"), p.prettify());
            given().queryParam("kind", "container").queryParam("subject", name).get("/api/v1/changes").then().statusCode(200)
                    .body("items.summary", hasItem("exited with code 1"));
        }
    }

    /** When an anomaly opens, the busiest processes are stored with it (for the root-cause analysis). */
    @Test
    void anOpenedAnomalyHasAProcessSnapshot() throws InterruptedException {
        eventually("an anomaly", () -> !given().get("/api/v1/anomalies?metric=host_processes").jsonPath().getList("items").isEmpty());
        long id = given().get("/api/v1/anomalies?metric=host_processes").jsonPath().getLong("items[0].id");
        eventually("its process snapshot", () -> given().get("/api/v1/anomalies/" + id + "/processes").statusCode() == 200);
        JsonPath snap = given().get("/api/v1/anomalies/" + id + "/processes").jsonPath();
        List<Integer> pids = snap.getList("processes.pid", Integer.class);
        // the 15 busiest by CPU and up to 3 more by each of memory, memory growth, writes and open files
        assertTrue(!pids.isEmpty() && pids.size() <= 15 + 4 * 3, pids.toString());
        assertTrue(snap.getList("processes.name", String.class).stream().noneMatch(String::isBlank), snap.prettify());
        assertTrue(snap.getList("processes.cpu_percent", Float.class).stream().allMatch(c -> c >= 0), snap.prettify());
        assertTrue(snap.getList("processes.owner", String.class).stream().allMatch(o -> o.equals("host") || o.contains("=")),
                snap.prettify());
        given().get("/api/v1/anomalies/999999/processes").then().statusCode(404)
                .body("message", containsString("no process snapshot for anomaly 999999"));
    }

    @Test
    void seriesReturnsPointsWithTheExpectedBandShape() throws InterruptedException {
        String cpu = "host_cpu_percent{mode=\"total\"}";
        eventually("points", () -> !given().queryParam("metric", cpu).queryParam("from", "5m").queryParam("step", "1s")
                .get("/api/v1/series").jsonPath().getList("points").isEmpty());
        Response r = given().queryParam("metric", cpu).queryParam("from", "5m").queryParam("step", "1s")
                .get("/api/v1/series");
        r.then().statusCode(200).body("series", equalTo(cpu)).body("step_seconds", equalTo(1));
        List<Float> values = r.jsonPath().getList("points.value", Float.class);
        assertTrue(values.stream().allMatch(v -> v >= 0 && v <= 100), values.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/anomalies?since=yesterday        | since: 'yesterday' is not a time",
        "/api/v1/anomalies?limit=0                | limit: '0' must be a whole number from 1 to 1000",
        "/api/v1/anomalies?limit=ten              | limit: 'ten'",
        "/api/v1/anomalies?min_score=2            | min_score: '2' must be a number from 0.0 to 1.0",
        "/api/v1/anomalies?since=1h&until=2h      | until: '2h' is before since: '1h'",
        "/api/v1/incidents?state=closed           | state: 'closed' must be open or all",
        "/api/v1/incidents/abc                    | id: 'abc' is not an incident id",
        "/api/v1/series                           | metric: required",
        "/api/v1/series?metric=cpu{x              | metric: series 'cpu{x'",
        "/api/v1/series?metric=m&step=0s          | step: '0s' is not a positive duration",
        "/api/v1/series?metric=m&from=1d&step=1s  | step: '1s' gives more than 5000 points",
        "/api/v1/series?metric=m&from=1m&to=2m    | to: must be after from",
        "/api/v1/queue/messages?dead=maybe        | dead: 'maybe' must be true or false",
        "/api/v1/queue/messages?limit=0           | limit: '0' must be a whole number from 1 to 1000",
        "/api/v1/anomalies?since=%2B1000000000-01-01T00:00:00Z | since: '+1000000000-01-01T00:00:00Z' is out of range",
        "/api/v1/incidents?since=-999999999-01-01T00:00:00Z    | since: '-999999999-01-01T00:00:00Z' is out of range",
        "/api/v1/anomalies?until=999999999999999               | until: '999999999999999' is out of range",
        "/api/v1/series?metric=m&from=99999999999999d          | from: '99999999999999d' is not a time",
        "/api/v1/changes?kind=weather             | kind: unknown change kind 'weather' (one of [process, socket",
        "/api/v1/changes?limit=0                  | limit: '0' must be a whole number from 1 to 1000",
    })
    void badQueryParametersGet400WithAMessageNamingTheParameter(String url, String message) {
        given().urlEncodingEnabled(false).get(url.replace("{", "%7B")).then().statusCode(400)
                .body("error", equalTo("bad_data"))
                .body("message", containsString(message));
    }

    /** The change feed end to end: a port opened by another process is stored and listed, filtered by kind and subject. */
    @Test
    void aPortOpenedOnTheHostIsListedInTheChangeFeed() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process p = new ProcessBuilder("python3", "-c", "import socket,time; s=socket.socket(); s.bind(('127.0.0.1', " + port
                + ")); s.listen(1); time.sleep(60)").start();
        try {
            String subject = "tcp/" + port;
            eventually("a socket change for " + subject, () -> given().queryParam("kind", "socket").queryParam("subject", subject)
                    .get("/api/v1/changes").jsonPath().getList("items").size() > 0);
            Response r = given().queryParam("kind", "socket").queryParam("subject", subject).get("/api/v1/changes");
            r.then().statusCode(200).body("items[0].kind", equalTo("socket")).body("items[0].subject", equalTo(subject))
                    .body("items[0].details.pid", equalTo(Long.toString(p.pid()))).body("items[0].source", equalTo("procfs"));
            assertTrue(r.jsonPath().getLong("items[0].id") > 0);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void unknownThingsGetJson404() {
        given().get("/api/v1/incidents/999999").then().statusCode(404).body("error", equalTo("not_found"))
                .body("message", containsString("incident 999999 does not exist"));
        given().get("/api/v1/nothing-here").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void prometheusEndpointHasOwnCountersAndHostMetrics() throws InterruptedException {
        eventually("samples", () -> given().get("/metrics").asString().contains("host_cpu_percent{mode=\"total\"}"));
        given().get("/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("# TYPE anomaly_hunter_samples_ingested_total counter"))
                .body(containsString("anomaly_hunter_collector_up{collector=\"host\"} 1"))
                .body(containsString("# HELP host_cpu_percent "));
    }

    @Test
    void queueAnswersStatsListsAndRefusesToRetryWhatIsNotDead() {
        given().get("/api/v1/queue").then().statusCode(200);
        given().get("/api/v1/queue/messages?dead=true").then().statusCode(200).body("items.size()", equalTo(0));
        given().header("X-Requested-By", "test").post("/api/v1/queue/messages/424242/retry").then().statusCode(404)
                .body("message", containsString("message 424242 is not a dead letter"));
        given().header("X-Requested-By", "test").post("/api/v1/queue/messages/x/retry").then().statusCode(400)
                .body("message", containsString("id: 'x' is not a message id"));
        given().header("X-Requested-By", "test").delete("/api/v1/queue/dead").then().statusCode(200)
                .body("action", equalTo("purge-dead"));
        given().get("/metrics").then().body(containsString("# TYPE anomaly_hunter_queue_depth gauge"));
    }

    @Test
    void changesNeedOurOwnOriginAndAHeaderABrowserWouldAskAbout() {
        given().delete("/api/v1/queue/dead").then().statusCode(403).body("error", equalTo("forbidden"))
                .body("message", containsString("X-Requested-By"));
        given().header("X-Requested-By", "x").header("Origin", "http://evil.example").delete("/api/v1/queue/dead")
                .then().statusCode(403).body("message", containsString("origin 'http://evil.example'"));
        given().header("Host", "evil.example").get("/health").then().statusCode(403)
                .body("message", containsString("Host 'evil.example'"));
        given().get("/").then().header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY")).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void servesTheWebPage() {
        given().get("/").then().statusCode(200).body(containsString("<title>anomaly-hunter</title>"));
        given().get("/app.js").then().statusCode(200).body(containsString("EventSource"));
    }
}
