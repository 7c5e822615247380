package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.alert.WebhookPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface against hostile clients, on the packaged daemon: cross-site and DNS-rebinding requests are
 * refused and change nothing; 20,000 idle connections leave /health answering within a second; slow-header
 * sockets are closed; 10,000 requests with impossible times get 400s and barely touch the log.
 */
@Tag("slow")
class HttpDefenseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void hostileClientsAreRefusedAndTheDaemonKeepsAnswering() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
        try (WebhookPeer hook = new WebhookPeer(Integer.MAX_VALUE, 503)) {
            Files.writeString(config, Files.readString(config) + """
                      request_timeout: 10s
                      idle_timeout: 30s
                    metrics:
                      - {name: host_processes, above: 0}
                    alerts:
                      retry: {max_attempts: 1, initial: 100ms, max: 100ms}
                      destinations:
                        - {name: hook, type: webhook, url: "%s"}
                      rules:
                        - {name: all, severity: info, destinations: [hook]}
                    """.formatted(hook.url()));
            DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
            try {
                d.awaitHealthy(Duration.ofSeconds(30));
                // Event streams outlive the idle timeout on both protocols (HTTP/2 through an h2c upgrade, which
                // rebuilds the connection's pipeline) while everything below goes on.
                long streamsFrom = System.nanoTime();
                SseRecorder http1 = new SseRecorder(d.base + "/api/v1/events", HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1).build());
                SseRecorder http2 = new SseRecorder(d.base + "/api/v1/events", HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_2).build());
                crossSiteAndRebindingChangeNothing(d, port);
                idleConnectionsLeaveHealthAnswering(d, port);
                slowHeadersAreCut(d, port);
                impossibleTimesAreCheapRefusals(d);
                assertEquals(HttpClient.Version.HTTP_2, http2.version, "the stream was upgraded to HTTP/2");
                eventStreamsStayOpen(streamsFrom, http1, http2);
                String log = d.logText();
                assertFalse(log.contains("\tat ") || log.contains("Exception"), "no stack trace or exception:\n" + log);
            } finally {
                d.close();
            }
        }
    }

    private static void eventStreamsStayOpen(long since, SseRecorder... streams) throws InterruptedException {
        long waitMillis = 45_000 - (System.nanoTime() - since) / 1_000_000; // past the 30 s idle timeout
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
        for (SseRecorder s : streams) {
            assertTrue(s.open(), "the event stream is still open after 45 s: " + s.lines());
            assertTrue(s.lines().stream().filter(l -> l.startsWith(":keep-alive")).count() >= 2, s.lines().toString());
            s.close();
        }
    }

    private void crossSiteAndRebindingChangeNothing(DaemonProcess d, int port) throws Exception {
        long dead = CpuBurnerIT.eventually("a dead letter", Duration.ofSeconds(30), () -> {
            JsonNode items = JSON.readTree(d.get("/api/v1/queue/messages?dead=true").body()).path("items");
            return items.size() > 0 ? items.get(0).path("id").asLong() : null;
        });
        String self = "http://127.0.0.1:" + port;
        List<HttpResponse<String>> refused = List.of(
                send(d, "DELETE", "/api/v1/queue/dead", "Origin", "http://evil.example", "X-Requested-By", "x"),
                send(d, "DELETE", "/api/v1/queue/dead", "Origin", "null", "X-Requested-By", "x"),
                send(d, "POST", "/api/v1/queue/messages/" + dead + "/retry", "Origin", "http://evil.example:" + port,
                        "Content-Type", "application/json"),
                send(d, "DELETE", "/api/v1/queue/dead", "Origin", self),
                send(d, "POST", "/api/v1/queue/messages/" + dead + "/retry", "Content-Type", "text/plain"));
        for (HttpResponse<String> r : refused) {
            assertEquals(403, r.statusCode(), r.request() + " " + r.headers() + ": " + r.body());
            assertEquals("forbidden", JSON.readTree(r.body()).path("error").asText(), r.body());
        }
        String rebound = raw(port, "DELETE /api/v1/queue/dead HTTP/1.1\r\nHost: rebind.evil.example:" + port
                + "\r\nX-Requested-By: x\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403") && rebound.contains("\"forbidden\""), rebound);
        String read = raw(port, "GET /health HTTP/1.1\r\nHost: rebind.evil.example\r\nConnection: close\r\n\r\n");
        assertTrue(read.startsWith("HTTP/1.1 403"), "rebinding reads too: " + read);
        assertEquals(dead, JSON.readTree(d.get("/api/v1/queue/messages?dead=true").body()).path("items").get(0)
                .path("id").asLong(), "the dead letter is untouched");
        HttpResponse<String> own = send(d, "DELETE", "/api/v1/queue/dead", "Origin", self, "X-Requested-By", "ui");
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        assertEquals("nosniff", own.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private void idleConnectionsLeaveHealthAnswering(DaemonProcess d, int port) throws Exception {
        List<Process> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                // The product's own holder (what bench soak uses): a test JVM cannot hold 20,000 sockets itself.
                holders.add(new ProcessBuilder(DaemonProcess.command("bench", "soak-hold", Integer.toString(port), "10000"))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            int opened = 0;
            for (Process p : holders) {
                String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
                assertTrue(line != null && line.startsWith("opened "), "holder says: " + line);
                opened += Integer.parseInt(line.split(" ")[1]);
            }
            assertTrue(opened >= 19_000, "opened " + opened + " idle connections");
            // A connect() returns once the kernel has the connection, before the daemon accepts it: give the daemon
            // time to take them all in (with no guard it would now hold every file handle it may open).
            Thread.sleep(4000);
            long files;
            try (var fds = Files.list(Path.of("/proc", Long.toString(d.process.pid()), "fd"))) {
                files = fds.count();
            }
            System.out.println("[HttpDefenseIT] the daemon holds " + files + " open files beside " + opened
                    + " idle connections");
            assertTrue(files < 5000, "the daemon holds " + files + " files; its connection cap is 1024");
            for (int i = 0; i < 3; i++) {
                // A new connection each time, as a health check makes: a pooled one would dodge the question.
                long t0 = System.nanoTime();
                String r;
                try {
                    r = raw(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                } catch (IOException e) {
                    r = e.toString();
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(r.startsWith("HTTP/1.1 200"), "health answered " + r);
                assertTrue(ms < 1000, "/health took " + ms + " ms with " + opened + " idle connections");
                System.out.println("[HttpDefenseIT] /health in " + ms + " ms beside " + opened + " idle connections");
            }
            d.get("/metrics").body().lines().filter(l -> l.startsWith("anomaly_hunter_http_connections"))
                    .forEach(l -> System.out.println("[HttpDefenseIT] " + l));
        } finally {
            for (Process p : holders) {
                p.getOutputStream().close();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** 200 sockets that send a header line a second and never finish: each is closed by the request timeout (10 s). */
    private void slowHeadersAreCut(DaemonProcess d, int port) throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.add(s);
        }
        long t0 = System.nanoTime();
        int open = slow.size();
        while (open > 0 && System.nanoTime() - t0 < 25_000_000_000L) {
            Thread.sleep(1000);
            open = 0;
            for (Socket s : slow) {
                if (!s.isClosed()) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        s.setSoTimeout(1);
                        if (s.getInputStream().read() < 0) {
                            s.close();
                            continue;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // still open
                    } catch (IOException e) {
                        s.close();
                        continue;
                    }
                    open++;
                }
            }
        }
        long s = (System.nanoTime() - t0) / 1_000_000_000L;
        slow.forEach(x -> {
            try {
                x.close();
            } catch (IOException e) {
                // done with it
            }
        });
        assertEquals(0, open, open + " slow-header sockets still open after " + s + " s");
        System.out.println("[HttpDefenseIT] 200 slow-header sockets closed within " + s + " s");
    }

    private void impossibleTimesAreCheapRefusals(DaemonProcess d) throws Exception {
        long before = Files.readAllLines(d.log).size();
        int bad = 0;
        for (int i = 0; i < 10_000; i++) {
            String since = i % 2 == 0 ? "%2B1000000000-01-01T00:00:00Z" : "-999999999-01-01T00:00:00Z";
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(d.base + "/api/v1/anomalies?since="
                    + since)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 400 || !r.body().contains("\"error\":\"bad_data\"")) {
                bad++;
            }
        }
        long lines = Files.readAllLines(d.log).size() - before;
        assertEquals(0, bad, bad + " of 10,000 out-of-range requests did not get a 400");
        assertTrue(lines < 50, lines + " log lines for 10,000 bad requests:\n" + d.logText());
    }

    /** One request written by hand (Java's client will not send a foreign Host); the whole answer. */
    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> send(DaemonProcess d, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.base + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
