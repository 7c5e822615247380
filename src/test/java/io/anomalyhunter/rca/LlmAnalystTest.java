package io.anomalyhunter.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.Severity;
import io.anomalyhunter.llm.LlmFailure;
import io.anomalyhunter.llm.WorkerProcess;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The three agents on the real model worker (a child JVM running llm-worker) with the tiny shared models: the report
 * is schema-valid and cites only real evidence; a worker that aborts or is killed fails the request, and the next
 * request starts a new worker. The tiny model exercises the wiring, not the quality of the answer.
 */
class LlmAnalystTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Path MODELS = SharedData.DIR.resolve("models");

    /** A failing service just after a package upgrade, with a snapshot: all three agents have something to read. */
    static RcaService.Analysis packageBeforeFailures() {
        Anomaly a = new Anomaly(9, SeriesKey.of("host_tcp_connection_failures_per_second"), "baseline", T0, null, 40, T0, 0, 2,
                0.9, 0.9, "above band");
        Anomaly b = new Anomaly(10, SeriesKey.of("host_cpu_percent"), "baseline", T0.plusSeconds(20), null, 60, T0.plusSeconds(20),
                2, 20, 0.9, 0.9, "above band");
        Incident incident = new Incident(7, T0, null, Severity.WARNING, 0.9, "connection failures", List.of(9L, 10L),
                List.of(a.series().text(), b.series().text()));
        List<IncidentFacts.StoredChange> changes = List.of(
                new IncidentFacts.StoredChange(60, new Change(T0.minusSeconds(40), ChangeKind.PACKAGE, "libssl3",
                        "upgraded 3.0.11 -> 3.0.13", Map.of("action", "upgrade"), "dpkg.log")),
                new IncidentFacts.StoredChange(61, new Change(T0.minusSeconds(290), ChangeKind.LOGIN, "root", "logged in", Map.of(), "wtmp")));
        List<IncidentFacts.ProcessSnapshot> ps = new ArrayList<>(List.of(
                new IncidentFacts.ProcessSnapshot(812, "sshd", "/usr/sbin/sshd", 0.2, 8L << 20, 0, "service=ssh.service", 12, 1024, 0),
                new IncidentFacts.ProcessSnapshot(900, "nginx", "nginx: worker", 55, 30L << 20, 1000, "service=nginx.service", 40,
                        65536, 0)));
        IncidentFacts facts = new IncidentFacts(incident, List.of(a, b), changes, Map.of(10L, ps), Duration.ofMinutes(5));
        List<Evidence> evidence = EvidenceBuilder.build(facts);
        return new RcaService.Analysis(facts, evidence, RuleRanker.analyse(facts, evidence, T0.plusSeconds(600)));
    }

    static List<String> self() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss4m", "-cp",
                System.getProperty("java.class.path"), "io.anomalyhunter.Main");
    }

    private static WorkerProcess worker(String model) {
        Path file = SharedData.require(MODELS.resolve(model), "the tiny GGUF models");
        return new WorkerProcess(self(), file, 2, 4096, Duration.ofSeconds(60));
    }

    @Test
    void theTinyModelWritesASchemaValidReportCitingOnlyRealEvidence() throws Exception {
        RcaService.Analysis a = packageBeforeFailures();
        Set<String> ids = a.evidence().stream().map(Evidence::id).collect(Collectors.toSet());
        Set<String> subjects = Set.copyOf(AgentPrompts.subjects(a.evidence(), a.rules()));
        try (WorkerProcess llm = worker("stories260K.gguf")) {
            long t0 = System.nanoTime();
            Report r = LlmAnalyst.analyse(a, llm, 1024, T0.plusSeconds(600));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("tiny-model report in " + ms + " ms: " + io.anomalyhunter.json.ApiJson.mapper().writeValueAsString(r));
            assertEquals(Report.LLM, r.source(), r.notes().toString());
            assertEquals("stories260K.gguf", r.model());
            assertTrue(ms < 10_000, "a full report with the tiny model, worker start included, took " + ms + " ms");
            assertTrue(!r.causes().isEmpty() && r.causes().size() <= 3, r.causes().toString());
            for (int i = 0; i < r.causes().size(); i++) {
                Report.Cause c = r.causes().get(i);
                assertEquals(i + 1, c.rank());
                assertTrue(AgentPrompts.KINDS.contains(c.kind()), c.kind());
                assertTrue(subjects.contains(c.subject()), c.subject());
                assertTrue(c.confidence() >= 0 && c.confidence() <= 1);
                assertTrue(!c.evidence().isEmpty() && ids.containsAll(c.evidence()), c.evidence().toString());
                assertTrue(ids.containsAll(c.contradicting()), c.contradicting().toString());
            }
            assertTrue(!r.actions().isEmpty(), "actions");
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Pattern Analyst:")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Change Detective:")), r.notes().toString());
            assertEquals(a.evidence(), r.evidence());
            // a second report reuses the loaded worker
            Report again = LlmAnalyst.analyse(a, llm, 1024, T0.plusSeconds(600));
            assertEquals(r.causes(), again.causes(), "greedy decoding answers the same");
        }
    }

    @Test
    void aWorkerThatAbortsFailsTheRequestAndTheNextStartsAnew() {
        // TinyStories-656K has no '{' in its vocabulary: a JSON grammar cannot be satisfied and llama.cpp aborts.
        try (WorkerProcess llm = worker("TinyStories-656K-Q8_0.gguf")) {
            LlmFailure first = assertThrows(LlmFailure.class, () -> LlmAnalyst.analyse(packageBeforeFailures(), llm, 256, T0));
            assertTrue(first.getMessage().contains("signal 6"), first.getMessage());
            LlmFailure second = assertThrows(LlmFailure.class, () -> LlmAnalyst.analyse(packageBeforeFailures(), llm, 256, T0));
            assertTrue(second.getMessage().contains("signal 6"), "a new worker, the same end: " + second.getMessage());
        }
    }

    @Test
    void aWorkerKilledMidAnswerFailsTheRequest() throws Exception {
        try (WorkerProcess llm = worker("stories260K.gguf")) {
            LlmAnalyst.analyse(packageBeforeFailures(), llm, 256, T0); // started and warm
            long pid = llm.pid().orElseThrow();
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
            });
            killer.start();
            // a long answer: the kill lands while the model writes it
            LlmFailure f = assertThrows(LlmFailure.class, () -> llm.complete(new io.anomalyhunter.llm.CompletionRequest("Tell a story.",
                    "Once", List.of(), "upon a time", "{\"type\":\"object\",\"properties\":{\"story\":{\"type\":\"string\",\"minLength\":4000,"
                    + "\"maxLength\":4000}},\"required\":[\"story\"]}", 3000)));
            killer.join();
            assertTrue(f.getMessage().contains("signal 9"), f.getMessage());
            assertTrue(llm.complete(new io.anomalyhunter.llm.CompletionRequest("Tell a story.", "Once", List.of(), "upon a time",
                    "{\"type\":\"object\",\"properties\":{\"word\":{\"enum\":[\"cat\",\"dog\"]}},\"required\":[\"word\"]}", 64))
                    .text().contains("\"word\""), "the next request is served by a new worker");
            assertTrue(llm.pid().orElseThrow() != pid);
        }
    }
}
