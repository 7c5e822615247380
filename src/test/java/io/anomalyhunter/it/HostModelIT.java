package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host model in a running daemon on this host's real metrics: with a 1 s interval and no learning period it
 * trains after 64 intervals, stores version 1 in the database, lists it in the API and scores with ONNX Runtime;
 * a restart on the same database has the same version in service at once.
 */
class HostModelIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode hostModel(DaemonProcess d) throws Exception {
        var r = d.get("/api/v1/models");
        if (r == null || r.statusCode() != 200) {
            return JSON.nullNode();
        }
        for (JsonNode m : JSON.readTree(r.body())) {
            if (m.path("name").asText().equals("host-model")) {
                return m;
            }
        }
        return JSON.nullNode();
    }

    @Test
    void trainsStoresServesAndResumes() throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s\nlearning_period: 0s");
        String sha;
        try (DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            d.awaitHealthy(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            JsonNode m = hostModel(d);
            while (!m.path("version").asText().equals("1") && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                m = hostModel(d);
            }
            assertEquals("1", m.path("version").asText(), m + "\n" + d.logText());
            assertTrue(m.path("validation").path("series").asInt() >= 3, m.toString());
            assertTrue(d.logText().contains("host model v1 trained on "), d.logText());
            JsonNode versions = JSON.readTree(d.get("/api/v1/models/host-model/versions").body());
            assertEquals(1, versions.size(), versions.toString());
            sha = versions.get(0).path("sha256").asText();
            assertEquals(64, sha.length());
            Thread.sleep(3000); // a few intervals scored through ONNX Runtime, with no failure said
            assertTrue(!d.logText().contains("scoring failed"), d.logText());
            assertEquals(0, d.stop(), d.logText());
        }
        try (DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString())) {
            d.awaitHealthy(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!hostModel(d).path("version").asText().equals("1") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(sha, hostModel(d).path("sha256").asText(), d.logText());
            assertTrue(d.logText().contains("host model v1 in service"), d.logText());
            assertEquals(0, d.stop(), d.logText());
        }
    }
}
