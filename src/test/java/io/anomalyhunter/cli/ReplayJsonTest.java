package io.anomalyhunter.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.api.FastDaemonProfile;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.net.AttackWatch;
import io.anomalyhunter.pipeline.Pipeline;
import io.anomalyhunter.testing.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * replay --json speaks the API's words: the same capture through the daemon's own pipeline (the objects a live
 * capture feeds) shows up in /api/v1/network as the same attack, field for field, as in replay's output.
 */
@QuarkusTest
@TestProfile(ReplayJsonTest.QuietDaemon.class)
class ReplayJsonTest {
    @Inject
    ObjectMapper daemonJson;

    @Inject
    Pipeline pipeline;

    /** A daemon of its own (capture times are years old: they would disturb other tests' anomalies), no capture. */
    public static class QuietDaemon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return FastDaemonProfile.configIn("ah-replay-test", """
                    detection:
                      learning_period: 1h
                    storage:
                      path: %s
                    collectors:
                      network:
                        enabled: false
                    """);
        }
    }

    @Test
    void replayJsonAndTheNetworkApiShowTheSameAttack() throws Exception {
        Path capture = SharedData.require(SharedData.DIR.resolve("data/pcap/ppa1e_portscan.pcap"), "capture");
        ReplayCommand.Replayed replayed = ReplayCommand.replay(capture,
                new io.anomalyhunter.config.ConfigLoader(m -> true).defaults().collectors().network(),
                io.anomalyhunter.traffic.ConnectionJudge.NONE, AnomalyTracker.forDetection(new AtomicLong()::incrementAndGet, 0.5));
        JsonNode replay = daemonJson.readTree(ReplayCommand.toJson(replayed));
        JsonNode attacks = replay.path("attacks");
        assertEquals(1, attacks.size(), replay.toString());
        JsonNode fromReplay = attacks.get(0);
        assertEquals("port_scan", fromReplay.path("labels").path("kind").asText(), fromReplay.toString());
        assertEquals("10.100.25.14", fromReplay.path("labels").path("source").asText(), fromReplay.toString());
        assertFalse(fromReplay.path("open").asBoolean(), "the capture ended, so did the attack");

        // The daemon: the same capture through the same watch, reporting to its pipeline, as a live capture does.
        PcapReplay.run(capture, new AttackWatch(capture.getFileName().toString(), Attacks.DEFAULTS, pipeline));
        JsonNode[] fromApi = new JsonNode[1];
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (fromApi[0] == null && System.nanoTime() < deadline) {
            JsonNode network = daemonJson.readTree(given().get("/api/v1/network").then().statusCode(200).extract().asString());
            for (JsonNode a : network.path("attacks")) {
                if (a.path("series").asText().equals(fromReplay.path("series").asText()) && !a.path("open").asBoolean()) {
                    fromApi[0] = a;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(fromApi[0] != null, "the attack reached /api/v1/network");
        // Ids are each store's own numbering; every other field is the same.
        ((ObjectNode) fromApi[0]).remove("id");
        ObjectNode expected = ((ObjectNode) fromReplay).deepCopy();
        expected.remove("id");
        assertEquals(expected, fromApi[0]);
        assertEquals(daemonJson.writeValueAsString(replayed.result().flows()),
                daemonJson.writeValueAsString(replay.path("flows")));
    }
}
