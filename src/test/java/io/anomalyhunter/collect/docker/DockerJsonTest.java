package io.anomalyhunter.collect.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerJsonTest {
    private static final String ID = "34e9fdc59584f4ad6778e1df8e53a45b2422a555d208f90b1b21ccafddd06ffa";

    @Test
    void containerList() {
        String json = """
                [{"Id":"%s","Names":["/web"],"Image":"nginx:1.25","State":"running","Status":"Up 2 minutes",
                  "Labels":{"com.docker.compose.project":"shop","com.docker.compose.service":"web"}},
                 {"Names":["/no-id"]}]""".formatted(ID);
        assertEquals(List.of(new DockerContainer(ID, "web", "nginx:1.25",
                Map.of("com.docker.compose.project", "shop", "com.docker.compose.service", "web"), "running")),
                DockerJson.containers(json));
    }

    @Test
    void dieEventBecomesAChange() {
        String line = """
                {"status":"die","id":"%s","from":"ah-busybox:latest","Type":"container","Action":"die",
                 "Actor":{"ID":"%s","Attributes":{"exitCode":"1","image":"ah-busybox:latest","name":"loop"}},
                 "scope":"local","time":1764640000,"timeNano":1764640000123456789}""".formatted(ID, ID);
        DockerEvent e = DockerJson.event(line).orElseThrow();
        assertEquals(Instant.ofEpochSecond(1764640000, 123456789), e.time());
        Change c = DockerChanges.of(e, "docker").orElseThrow();
        assertEquals(ChangeKind.CONTAINER, c.kind());
        assertEquals("loop", c.subject());
        assertEquals("exited with code 1", c.summary());
        assertEquals("1", c.details().get("exit_code"));
    }

    @Test
    void oomIsItsOwnKindAndRoutineEventsAreNotChanges() {
        DockerEvent oom = new DockerEvent(Instant.EPOCH, "oom", ID, Map.of("name", "hog"));
        assertEquals(ChangeKind.OOM, DockerChanges.of(oom, "docker").orElseThrow().kind());
        assertEquals(Optional.empty(), DockerChanges.of(new DockerEvent(Instant.EPOCH, "exec_start: sh", ID, Map.of()), "docker"));
        assertEquals("health check: unhealthy", DockerChanges.of(
                new DockerEvent(Instant.EPOCH, "health_status: unhealthy", ID, Map.of()), "docker").orElseThrow().summary());
        assertEquals(Optional.empty(), DockerJson.event("{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"n\"}}"));
    }

    @Test
    void malformedInputNamesTheProblem() {
        var notJson = assertThrows(MalformedDockerJsonException.class, () -> DockerJson.event("{\"Type\":\"contai"));
        assertTrue(notJson.getMessage().startsWith("not JSON"), notJson.getMessage());
        var noActor = assertThrows(MalformedDockerJsonException.class, () -> DockerJson.event("{\"Type\":\"container\"}"));
        assertTrue(noActor.getMessage().contains("Actor.ID"), noActor.getMessage());
        var notArray = assertThrows(MalformedDockerJsonException.class, () -> DockerJson.containers("{\"message\":\"x\"}"));
        assertTrue(notArray.getMessage().contains("expected a JSON array, got object"), notArray.getMessage());
    }

    @Test
    void statsSumEveryNetworkAndANoneNetworkHasNone() {
        long[] b = DockerJson.networkBytes("""
                {"read":"2026-12-02T06:30:00Z","networks":{"eth0":{"rx_bytes":1084,"tx_bytes":336},
                 "eth1":{"rx_bytes":16,"tx_bytes":4}},"cpu_stats":{}}""").orElseThrow();
        assertEquals(List.of(1100L, 340L), List.of(b[0], b[1]));
        assertEquals(Optional.empty(), DockerJson.networkBytes("{\"read\":\"2026-12-02T06:30:00Z\",\"cpu_stats\":{}}"));
        var bad = assertThrows(MalformedDockerJsonException.class,
                () -> DockerJson.networkBytes("{\"networks\":{\"eth0\":{\"rx_bytes\":\"many\"}}}"));
        assertTrue(bad.getMessage().contains("numeric rx_bytes and tx_bytes"), bad.getMessage());
    }
}
