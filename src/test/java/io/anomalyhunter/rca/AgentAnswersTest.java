package io.anomalyhunter.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.llm.CompletionRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agents' answers are checked after decoding: what the grammar cannot enforce (bounds, ids that exist, one cause
 * per subject) is enforced here, and the questions offer only real ids and subjects.
 */
class AgentAnswersTest {
    private static final Set<String> IDS = Set.of("anomaly:9", "change:60", "process:10:900");
    private static final Set<String> SUBJECTS = Set.of("libssl3", "nginx.service");
    private static final Set<String> COMMANDS = Set.of("systemctl status nginx.service");

    @Test
    void causesCitingNothingRealOrOutOfBoundsAreDroppedWithTheReason() throws Exception {
        String answer = """
                {"summary": "ok\\u0007 fine", "causes": [
                  {"kind": "change", "subject": "libssl3", "confidence": 0.7, "supporting": ["change:60", "change:60", "anomaly:77"],
                   "contradicting": ["anomaly:9", "change:60"], "explanation": "upgraded just before"},
                  {"kind": "process", "subject": "nginx.service", "confidence": 7, "supporting": ["process:10:900"], "contradicting": [], "explanation": "x"},
                  {"kind": "process", "subject": "nginx.service", "confidence": 0.3, "supporting": ["anomaly:1"], "contradicting": [], "explanation": "x"},
                  {"kind": "process", "subject": "evil", "confidence": 0.3, "supporting": ["anomaly:9"], "contradicting": [], "explanation": "x"},
                  {"kind": "change", "subject": "libssl3", "confidence": 0.2, "supporting": ["anomaly:9"], "contradicting": [], "explanation": "again"},
                  {"kind": "magic", "subject": "libssl3", "confidence": 0.2, "supporting": ["anomaly:9"], "contradicting": [], "explanation": "x"}],
                 "actions": ["systemctl status nginx.service", "rm -rf /", "systemctl status nginx.service"]}""";
        AgentAnswers.RootAnswer r = AgentAnswers.rootCause(answer, IDS, SUBJECTS, COMMANDS);
        assertEquals(1, r.causes().size(), r.toString());
        Report.Cause c = r.causes().get(0);
        assertEquals(1, c.rank());
        assertEquals(List.of("change:60"), c.evidence(), "duplicates and unknown ids removed");
        assertEquals(List.of("anomaly:9"), c.contradicting(), "an id cannot both support and contradict");
        assertEquals("ok fine", r.summary(), "control characters removed");
        assertEquals(List.of("systemctl status nginx.service"), r.commands(), "only offered commands, once");
        assertEquals(5, r.dropped().size(), r.dropped().toString());
        assertTrue(r.dropped().get(0).contains("confidence 7"), r.dropped().toString());
        assertTrue(r.dropped().get(1).contains("cites no real evidence"), r.dropped().toString());
        assertTrue(r.dropped().get(2).contains("'evil'"), r.dropped().toString());
        assertTrue(r.dropped().get(3).contains("repeats"), r.dropped().toString());
        assertTrue(r.dropped().get(4).contains("'magic'"), r.dropped().toString());
    }

    @Test
    void anAnswerCutOffOrWithoutAUsableCauseIsInvalid() {
        var cut = assertThrows(AgentAnswers.InvalidAnswer.class,
                () -> AgentAnswers.rootCause("{\"summary\": \"the disk is fu", IDS, SUBJECTS, COMMANDS));
        assertTrue(cut.getMessage().contains("not JSON"), cut.getMessage());
        var none = assertThrows(AgentAnswers.InvalidAnswer.class, () -> AgentAnswers.rootCause("""
                {"summary": "", "causes": [{"kind": "change", "subject": "libssl3", "confidence": 0.5, "supporting": ["change:1"]}]}""",
                IDS, SUBJECTS, COMMANDS));
        assertTrue(none.getMessage().contains("cites no real evidence"), none.getMessage());
        assertThrows(AgentAnswers.InvalidAnswer.class, () -> AgentAnswers.pattern("[1, 2]", IDS));
    }

    @Test
    void findingsKeepOnlyRealIdsAndOfferedWords() throws Exception {
        AgentAnswers.PatternFinding p = AgentAnswers.pattern("""
                {"summary": "connection failures jumped", "first": "anomaly:3", "patterns": [
                  {"evidence": "anomaly:9", "shape": "spike", "unusual": "extremely"},
                  {"evidence": "anomaly:9", "shape": "trend", "unusual": "clearly"},
                  {"evidence": "anomaly:9x", "shape": "spike", "unusual": "clearly"}]}""", IDS);
        assertEquals("", p.first(), "an unknown first mover is left out");
        assertEquals(1, p.patterns().size());
        assertEquals("connection failures jumped anomaly:9: spike, extremely unusual.", p.line());
        AgentAnswers.ChangeFinding c = AgentAnswers.changes("""
                {"summary": "", "linked": [{"evidence": "anomaly:9", "plausible": "likely", "why": "x"},
                  {"evidence": "change:60", "plausible": "likely", "why": "just before"}]}""", Set.of("change:60"));
        assertEquals(1, c.linked().size(), "only changes may be linked");
    }

    @Test
    void theQuestionsOfferOnlyRealIdsAndSubjects() throws Exception {
        RcaService.Analysis a = LlmAnalystTest.packageBeforeFailures();
        Set<String> ids = a.evidence().stream().map(Evidence::id).collect(Collectors.toSet());
        CompletionRequest root = AgentPrompts.rootCause(a.facts(), a.evidence(), a.rules(), "", "", Actions.general(a.facts().incident().start()), 1024);
        JsonNode schema = new ObjectMapper().readTree(root.schema());
        JsonNode cause = schema.path("properties").path("causes").path("items").path("properties");
        Set<String> offered = new HashSet<>();
        cause.path("supporting").path("items").path("enum").forEach(n -> offered.add(n.asText()));
        assertTrue(!offered.isEmpty() && ids.containsAll(offered), offered.toString());
        cause.path("subject").path("enum").forEach(n -> assertTrue(AgentPrompts.subjects(a.evidence(), a.rules()).contains(n.asText())));
        assertTrue(root.lines().size() <= AgentPrompts.MAX_LINES);
        assertTrue(root.lines().get(0).startsWith(a.rules().causes().get(0).evidence().get(0) + " | "),
                "the top rule cause's evidence comes first: " + root.lines());
        assertEquals(List.of("summary", "causes", "actions"), iterate(schema.path("required")));
    }

    private static List<String> iterate(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
