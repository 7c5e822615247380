package io.anomalyhunter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.api.FastDaemonProfile;
import io.anomalyhunter.collect.net.NetThresholds;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.testing.SharedData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * replay --json speaks the API's words: the same finding, traffic window and flow counts read the same in its
 * output as through the daemon's own JSON mapper, the one that writes /api/v1/network.
 */
@QuarkusTest
@TestProfile(FastDaemonProfile.class)
class ReplayJsonTest {
    @Inject
    ObjectMapper daemonJson;

    @Test
    void replayJsonIsTheApisJsonForTheSameFinding() throws Exception {
        var capture = SharedData.require(SharedData.DIR.resolve("data/pcap/ppa1e_portscan.pcap"), "capture");
        PcapReplay.Result r = PcapReplay.run(capture, NetThresholds.DEFAULTS);
        assertFalse(r.findings().isEmpty(), "the port scan is found");
        JsonNode replay = daemonJson.readTree(ReplayCommand.toJson(r));

        JsonNode finding = replay.path("findings").get(0);
        assertEquals(daemonJson.writeValueAsString(r.findings().get(0)), daemonJson.writeValueAsString(finding));
        assertEquals("PORT_SCAN", finding.path("kind").asText(), finding.toString());
        assertEquals(daemonJson.writeValueAsString(r.windows().get(0)),
                daemonJson.writeValueAsString(replay.path("windows").get(0)));
        assertEquals(daemonJson.writeValueAsString(r.flows()), daemonJson.writeValueAsString(replay.path("flows")));
        assertEquals(r.findings().get(0).firstSeen().toString(), finding.path("first_seen").asText());
    }
}
