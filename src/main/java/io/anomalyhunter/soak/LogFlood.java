package io.anomalyhunter.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The request that once wrote a 22-line stack trace each time (a time far out of range), many times over on
 * kept-alive connections. Lost: answers other than 400; the log's growth is the figure.
 */
final class LogFlood {
    private final List<String> self;
    private final int requests;

    LogFlood(List<String> self, int requests) {
        this.self = self;
        this.requests = requests;
    }

    ScenarioResult run(Path dir) throws Exception {
        int port = SoakDaemon.freePort();
        try (SoakDaemon d = SoakDaemon.start(self, dir, SoakConfig.write(dir, port, dir.resolve("ah.db"), ""), port)) {
            d.awaitHealthy(Duration.ofSeconds(60));
            long before = d.logLines();
            HttpClient http = HttpClient.newHttpClient();
            long wrong = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                String since = i % 2 == 0 ? "%2B1000000000-01-01T00:00:00Z" : "-999999999-01-01T00:00:00Z";
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/anomalies?since=" + since)).build(), HttpResponse.BodyHandlers.discarding());
                wrong += r.statusCode() == 400 ? 0 : 1;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long lines = d.logLines() - before;
            d.stop();
            return new ScenarioResult("log flood", requests + " requests with times out of range", wrong, List.of(
                    String.format(java.util.Locale.ROOT, "%d of %d answered 400 in %.1f s; the log grew by %d lines",
                            requests - wrong, requests, secs, lines)), null);
        }
    }
}
