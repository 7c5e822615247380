package io.anomalyhunter.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.anomalyhunter.alert.sink.WebhookSink;
import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.incident.Severity;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueuedMessage;
import io.anomalyhunter.store.SqliteAnomalyQuery;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteQueue;
import io.anomalyhunter.store.SqliteWriter;
import io.anomalyhunter.store.StoreWrite;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts from queued incident changes to real peers on loopback: an HTTP receiver that fails first, a
 * syslog receiver that validates RFC 5424 (UDP and TCP octet counting), GreenMail for SMTP, a local command.
 */
class AlertDeliveryTest {
    static final AlertsConfig.RateLimit UNLIMITED = new AlertsConfig.RateLimit(1000, Duration.ofMinutes(1));
    static final AlertsConfig.Retry FAST = new AlertsConfig.Retry(5, Duration.ofMillis(200), Duration.ofSeconds(1));

    @TempDir
    Path dir;
    SqliteDatabase db;
    SqliteQueue queue;
    SqliteWriter writer;
    AlertService service;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("ah.db"));
        queue = new SqliteQueue(db, InstantSource.system());
        writer = new SqliteWriter(db, 100);
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        writer.close();
        queue.close();
        db.close();
    }

    @Test
    void everySinkGetsEachAlertOnceAndTheWebhookIsRetriedWithBackoff() throws Exception {
        try (WebhookPeer hook = new WebhookPeer(2, 503); SyslogPeer syslog = new SyslogPeer()) {
            GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
            mail.start();
            try {
                Path execOut = dir.resolve("exec.json");
                List<AlertsConfig.Destination> destinations = List.of(
                        new AlertsConfig.Webhook("hook", UNLIMITED, hook.url(), Optional.of("s3cret"), false, Duration.ofSeconds(5)),
                        new AlertsConfig.Syslog("siem-udp", UNLIMITED, "127.0.0.1", syslog.udp.getLocalPort(),
                                AlertsConfig.Syslog.Transport.UDP, "anomaly-hunter", Duration.ofSeconds(5)),
                        new AlertsConfig.Syslog("siem-tcp", UNLIMITED, "127.0.0.1", syslog.tcp.getLocalPort(),
                                AlertsConfig.Syslog.Transport.TCP, "anomaly-hunter", Duration.ofSeconds(5)),
                        new AlertsConfig.Smtp("mail", UNLIMITED, "127.0.0.1", mail.getSmtp().getPort(), false, Optional.empty(),
                                Optional.empty(), "ah@host.local", List.of("ops@site.local"), Duration.ofSeconds(5)),
                        new AlertsConfig.Exec("page", UNLIMITED, List.of("sh", "-c", "cat >> " + execOut), Duration.ofSeconds(5)),
                        new AlertsConfig.Journal("log", UNLIMITED));
                start(destinations, List.of(rule("cpu", AlertsConfig.Severity.CRITICAL, "host_cpu_percent",
                        destinations.stream().map(AlertsConfig.Destination::name).toList())));

                Incident incident = incident(7, null);
                long t0 = System.nanoTime();
                // The same change twice (a redelivery) and an update: still one firing alert per destination.
                publish(IncidentChange.Kind.OPENED, incident);
                publish(IncidentChange.Kind.OPENED, incident);
                publish(IncidentChange.Kind.UPDATED, incident);
                await(() -> hook.accepted().size() >= 1 && mail.getReceivedMessages().length >= 1
                        && syslog.frames.size() >= 2 && Files.exists(execOut), Duration.ofSeconds(15));

                // Webhook: 503, 503, then 200; waits of 100-200 ms and 200-400 ms (jitter halves at most; the upper
                // bound allows for a loaded machine).
                assertEquals(3, hook.requests.size(), hook.requests.toString());
                long gap1 = (hook.requests.get(1).nanos() - hook.requests.get(0).nanos()) / 1_000_000;
                long gap2 = (hook.requests.get(2).nanos() - hook.requests.get(1).nanos()) / 1_000_000;
                System.out.println("webhook: first attempt after " + (hook.requests.get(0).nanos() - t0) / 1_000_000
                        + " ms, retries after " + gap1 + " ms and " + gap2 + " ms");
                assertTrue(gap1 >= 100 && gap1 < 200 + 400, "first retry after " + gap1 + " ms");
                assertTrue(gap2 >= 200 && gap2 < 400 + 400, "second retry after " + gap2 + " ms");
                WebhookPeer.Request ok = hook.accepted().get(0);
                assertEquals("incident-7:firing:hook", ok.alertId());
                assertEquals("sha256=" + WebhookSink.hmac("s3cret", ok.body()), ok.signature());
                JsonNode body = new ObjectMapper().readTree(ok.body());
                assertEquals("firing", body.path("state").asText());
                assertEquals("critical", body.path("severity").asText());
                assertEquals(7, body.path("incident_id").asLong());

                MimeMessage m = mail.getReceivedMessages()[0];
                assertTrue(m.getSubject().contains("[CRITICAL] FIRING incident 7"), m.getSubject());
                assertEquals("ops@site.local", m.getAllRecipients()[0].toString());

                assertTrue(syslog.invalid.isEmpty(), syslog.invalid.toString());
                for (SyslogPeer.Frame f : syslog.frames) {
                    assertEquals(3 * 8 + 2, f.pri(), "facility daemon, severity critical");
                    assertEquals("anomaly-hunter", f.app());
                    assertEquals("FIRING", f.msgId());
                    assertTrue(f.sd().contains("id=\"incident-7:firing:siem-"), f.sd());
                }
                assertTrue(new ObjectMapper().readTree(Files.readString(execOut)).path("id").asText()
                        .equals("incident-7:firing:page"));

                // Resolution: one resolved alert each.
                publish(IncidentChange.Kind.RESOLVED, incident(7, Instant.parse("2026-11-23T10:05:00Z")));
                await(() -> hook.accepted().size() == 2 && mail.getReceivedMessages().length == 2
                        && syslog.frames.size() == 4, Duration.ofSeconds(10));
                assertEquals("incident-7:resolved:hook", hook.accepted().get(1).alertId());
                // Nothing is left to deliver, so the counts below are final: no duplicate went out.
                await(() -> queue.stats().stream().allMatch(s -> s.waiting() == 0), Duration.ofSeconds(10));
                assertEquals(4, hook.requests.size());
                assertEquals(2, mail.getReceivedMessages().length);
                assertEquals(4, syslog.frames.size());
                assertEquals(2, Files.readString(execOut).split("\"id\":", -1).length - 1, "two alerts on the command's stdin");
            } finally {
                mail.stop();
            }
        }
    }

    @Test
    void permanentRefusalDeadLettersAtOnceWithTheReason() throws Exception {
        try (WebhookPeer hook = new WebhookPeer(100, 404)) {
            start(List.of(new AlertsConfig.Webhook("hook", UNLIMITED, hook.url(), Optional.empty(), true,
                    Duration.ofSeconds(5))), List.of(rule("all", AlertsConfig.Severity.WARNING, null, List.of("hook"))));
            publish(IncidentChange.Kind.OPENED, incident(8, null));
            await(() -> !queue.list(true, 10).isEmpty(), Duration.ofSeconds(10));
            QueuedMessage dead = queue.list(true, 10).get(0);
            assertEquals(1, hook.requests.size(), "a 404 is not retried");
            String shown = "http://127.0.0.1:" + hook.url().getPort() + "/…";
            assertTrue(dead.lastError().startsWith("HTTP 404 from " + shown + ": "), "no path (it may hold a token): "
                    + dead.lastError());
            assertTrue(hook.requests.get(0).body().startsWith("{\"text\":\"[WARNING] FIRING incident 8"),
                    "Slack-style body: " + hook.requests.get(0).body());
        }
    }

    @Test
    void unreachableSmtpRelayIsRetriedThenDeadLettered() throws Exception {
        int closed = freePort();
        start(List.of(new AlertsConfig.Smtp("mail", UNLIMITED, "127.0.0.1", closed, false, Optional.empty(), Optional.empty(),
                "ah@host.local", List.of("ops@site.local"), Duration.ofSeconds(2))),
                List.of(rule("all", AlertsConfig.Severity.WARNING, null, List.of("mail"))));
        publish(IncidentChange.Kind.OPENED, incident(9, null));
        await(() -> !queue.list(true, 10).isEmpty(), Duration.ofSeconds(15));
        QueuedMessage dead = queue.list(true, 10).get(0);
        assertEquals(FAST.maxAttempts(), dead.attempts());
        assertTrue(dead.lastError().startsWith("gave up after 5 attempts: java.net.ConnectException"), dead.lastError());
        assertEquals(FAST.maxAttempts() - 1, counters.get(AlertRouter.topic("mail"), QueueCounters.Kind.RETRIED));
    }

    @Test
    void rateLimitDelaysButNeverDrops() throws Exception {
        try (WebhookPeer hook = new WebhookPeer(0, 200)) {
            start(List.of(new AlertsConfig.Webhook("hook", new AlertsConfig.RateLimit(2, Duration.ofSeconds(2)), hook.url(),
                    Optional.empty(), false, Duration.ofSeconds(5))),
                    List.of(rule("all", AlertsConfig.Severity.INFO, null, List.of("hook"))));
            for (int i = 1; i <= 4; i++) {
                publish(IncidentChange.Kind.OPENED, incident(100 + i, null));
            }
            await(() -> hook.accepted().size() == 4, Duration.ofSeconds(10));
            long spread = (hook.requests.get(3).nanos() - hook.requests.get(0).nanos()) / 1_000_000;
            assertTrue(spread >= 1_900, "the 3rd and 4th waited for the 2-per-2s window: " + spread + " ms");
            assertEquals(0, counters.get(AlertRouter.topic("hook"), QueueCounters.Kind.RETRIED));
        }
    }

    final QueueCounters counters = new QueueCounters();

    private void start(List<AlertsConfig.Destination> destinations, List<AlertsConfig.Rule> rules) throws Exception {
        writer.submit(new StoreWrite.AnomalyRow(new Anomaly(1, SeriesKey.of("host_cpu_percent", "mode", "total"), "baseline",
                Instant.parse("2026-11-23T10:00:00Z"), null, 97, Instant.parse("2026-11-23T10:00:10Z"), 5, 30, 0.99, 0.95,
                "far above its usual range")));
        writer.flush();
        service = new AlertService(new AlertsConfig(FAST, destinations, rules), queue, db.queueSignal(),
                new SqliteAnomalyQuery(db), counters, InstantSource.system(), "host-1");
        service.start();
    }

    private void publish(IncidentChange.Kind kind, Incident incident) {
        queue.enqueue(List.of(new QueueItem(IncidentMessage.TOPIC, IncidentMessage.encode(new IncidentChange(kind, incident)),
                null)));
    }

    static Incident incident(long id, Instant end) {
        return new Incident(id, Instant.parse("2026-11-23T10:00:00Z"), end, Severity.CRITICAL, 0.99,
                "host_cpu_percent{mode=\"total\"} high", List.of(1L), List.of("host_cpu_percent{mode=\"total\"}"));
    }

    static AlertsConfig.Rule rule(String name, AlertsConfig.Severity severity, String metric, List<String> to) {
        return new AlertsConfig.Rule(name, severity, Optional.ofNullable(metric), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), to);
    }

    static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(20);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
