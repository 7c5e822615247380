package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.http.RequestRules;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** Talks to a running daemon's HTTP API for the client commands. */
final class DaemonClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    DaemonClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** An answer: status and body (raw text and parsed JSON). */
    record Answer(int status, String text, JsonNode json) {
    }

    /**
     * GETs {@code path} with the non-null query parameters.
     *
     * @throws DaemonUnreachableException when nothing answers at the base URL
     */
    Answer get(String path, Map<String, String> query) {
        return request("GET", path, query);
    }

    /** A request with no body (GET, POST, DELETE); see {@link #get}. */
    Answer request(String method, String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        URI uri = URI.create(base + path + q);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header(RequestRules.REQUESTED_BY, "anomaly-hunter-cli")
                            .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode node;
            try {
                node = json.readTree(r.body());
            } catch (IOException e) {
                node = null;
            }
            return new Answer(r.statusCode(), r.body(), node);
        } catch (ConnectException e) {
            throw new DaemonUnreachableException("no daemon answers at " + base + " (is it running? see "
                    + "'systemctl status anomaly-hunter' or pass --url)");
        } catch (IOException e) {
            throw new DaemonUnreachableException("asking " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonUnreachableException("interrupted while asking " + uri);
        }
    }

    /** The daemon is not there. */
    static final class DaemonUnreachableException extends RuntimeException {
        DaemonUnreachableException(String message) {
            super(message);
        }
    }
}
