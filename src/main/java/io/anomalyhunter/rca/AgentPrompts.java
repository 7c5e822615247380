package io.anomalyhunter.rca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.llm.CompletionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The three agents' questions: each a prompt over the evidence (one line per item, most relevant first, since lines
 * that do not fit the context are dropped from the end) and a JSON schema for its answer. Every evidence id, cause
 * kind, subject and command in a schema is an enum of the real ones, so constrained decoding cannot cite what does not
 * exist; {@link AgentAnswers} checks again. Pure.
 */
final class AgentPrompts {
    static final List<String> SHAPES = List.of("spike", "level_shift", "trend", "variance_change", "attack", "other");
    static final List<String> UNUSUAL = List.of("slightly", "clearly", "extremely");
    static final List<String> PLAUSIBLE = List.of("likely", "possible", "unlikely");
    static final List<String> KINDS = List.of(RuleRanker.PROCESS, RuleRanker.CHANGE, RuleRanker.EXTERNAL, RuleRanker.EXHAUSTION);
    /** Confidence in tenths: a grammar cannot bound a number, an enum it can. */
    static final List<Double> CONFIDENCE = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
    /** Subjects offered to the Root Cause agent: a grammar with thousands of alternatives slows decoding. */
    static final int MAX_SUBJECTS = 48;
    /**
     * Evidence lines shown to one agent, the most relevant first (its schema's ids are those shown): a long prompt slows
     * every generated token, and a small model loses the question in it.
     */
    static final int MAX_LINES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentPrompts() {
    }

    /** Pattern Analyst: what is anomalous, how, since when, how unusual. */
    static CompletionRequest patternAnalyst(IncidentFacts f, List<Evidence> evidence, int maxTokens) {
        List<Evidence> observed = evidence.stream().filter(e -> !e.kind().equals(Evidence.CHANGE)).limit(MAX_LINES).toList();
        List<String> anomalyIds = ids(observed.stream().filter(e -> e.kind().equals(Evidence.ANOMALY)).toList());
        ObjectNode pattern = object();
        pattern.set("evidence", enumOf(ids(observed)));
        pattern.set("shape", enumOf(SHAPES));
        pattern.set("unusual", enumOf(UNUSUAL));
        ObjectNode schema = object();
        schema.set("summary", text(summaryLength(maxTokens)));
        schema.set("first", enumOf(anomalyIds.isEmpty() ? ids(observed) : anomalyIds));
        schema.set("patterns", array(obj(pattern), 1, 3));
        return new CompletionRequest("You are the Pattern Analyst of a host monitoring appliance. You read measured evidence and "
                + "say what is anomalous, how (spike, level shift, trend, variance change, attack), since when, and how unusual. "
                + "Cite evidence only by its id. Answer in JSON.",
                header(f), lines(f, observed), "Which series moved first, and what pattern does each anomalous item show?",
                schema(schema), maxTokens);
    }

    /** Change Detective: what changed just before onset, and which changes plausibly link to the incident. */
    static CompletionRequest changeDetective(IncidentFacts f, List<Evidence> evidence, String patternSummary, int maxTokens) {
        Instant onset = f.incident().start();
        List<Evidence> changes = evidence.stream().filter(e -> e.kind().equals(Evidence.CHANGE))
                .sorted(Comparator.comparingLong((Evidence e) -> Math.abs(Duration.between(e.time(), onset).toSeconds())))
                .toList();
        List<Evidence> rest = evidence.stream().filter(e -> e.kind().equals(Evidence.ANOMALY)).toList();
        List<Evidence> shown = new ArrayList<>(changes);
        shown.addAll(rest);
        shown = shown.subList(0, Math.min(MAX_LINES, shown.size()));
        changes = shown.stream().filter(e -> e.kind().equals(Evidence.CHANGE)).toList();
        ObjectNode link = object();
        link.set("evidence", enumOf(ids(changes)));
        link.set("plausible", enumOf(PLAUSIBLE));
        link.set("why", text(textLength(maxTokens)));
        ObjectNode schema = object();
        schema.set("summary", text(summaryLength(maxTokens)));
        schema.set("linked", array(obj(link), 0, 3));
        return new CompletionRequest("You are the Change Detective of a host monitoring appliance. You read the changes recorded "
                + "on the host before an incident and say which could have caused it. Cite evidence only by its id. Answer in JSON.",
                header(f) + (patternSummary.isBlank() ? "" : "\nPattern Analyst: " + patternSummary), lines(f, shown),
                "Which of these changes, made just before the onset, plausibly led to the incident?", schema(schema), maxTokens);
    }

    /**
     * Root Cause: ranked hypotheses with confidence, supporting and contradicting evidence, and next actions picked from
     * the commands offered. The rule-based ranking is given as a starting point, not as the answer.
     */
    static CompletionRequest rootCause(IncidentFacts f, List<Evidence> evidence, Report rules, String pattern, String changes,
                                       List<Report.Action> offered, int maxTokens) {
        Set<String> cited = new LinkedHashSet<>();
        rules.causes().forEach(c -> cited.addAll(c.evidence()));
        Map<String, Evidence> byId = new LinkedHashMap<>();
        evidence.forEach(e -> byId.put(e.id(), e));
        // what the rules' causes cite, in their rank order, then the rest by kind
        List<Evidence> ordered = new ArrayList<>(cited.stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
        for (String kind : List.of(Evidence.ANOMALY, Evidence.NETWORK, Evidence.MODEL, Evidence.CHANGE, Evidence.PROCESS)) {
            Stream<Evidence> more = evidence.stream().filter(e -> e.kind().equals(kind) && !cited.contains(e.id()));
            if (kind.equals(Evidence.CHANGE)) {
                Instant onset = f.incident().start();
                more = more.sorted(Comparator.comparingLong(e -> Math.abs(Duration.between(e.time(), onset).toSeconds())));
            }
            more.forEach(ordered::add);
        }
        List<Evidence> shown = ordered.subList(0, Math.min(MAX_LINES, ordered.size()));
        ObjectNode cause = object();
        cause.set("kind", enumOf(KINDS));
        cause.set("subject", enumOf(subjects(shown, rules).stream().limit(MAX_SUBJECTS).toList()));
        cause.set("confidence", enumOf(CONFIDENCE));
        cause.set("supporting", array(enumOf(ids(shown)), 1, 3));
        cause.set("contradicting", array(enumOf(ids(shown)), 0, 2));
        cause.set("explanation", text(textLength(maxTokens)));
        ObjectNode schema = object();
        schema.set("summary", text(summaryLength(maxTokens)));
        schema.set("causes", array(obj(cause), 1, RuleRanker.TOP));
        if (!offered.isEmpty()) {
            schema.set("actions", array(enumOf(offered.stream().map(Report.Action::command).distinct().toList()), 0, 4));
        }
        StringBuilder head = new StringBuilder(header(f));
        if (!pattern.isBlank()) {
            head.append("\nPattern Analyst: ").append(pattern);
        }
        if (!changes.isBlank()) {
            head.append("\nChange Detective: ").append(changes);
        }
        head.append("\nRule-based ranking:");
        for (Report.Cause c : rules.causes()) {
            head.append(String.format(Locale.ROOT, "%n%d. %s %s (%.2f) citing %s", c.rank(), c.kind(), c.subject(),
                    c.confidence(), String.join(", ", c.evidence())));
        }
        return new CompletionRequest("You are the Root Cause agent of a host monitoring appliance. From the evidence and the "
                + "other agents' findings, rank up to three causes (kind: process, change, external_source, resource_exhaustion) "
                + "with a confidence, the evidence ids that support and contradict each, and the next commands to run. Cite "
                + "evidence only by its id. Answer in JSON.", head.toString(), lines(f, shown),
                "What most likely caused this incident?", schema(schema), maxTokens);
    }

    /** What a cause may name: the evidence's subjects, the owners of its processes, paths and the rules' subjects. */
    static List<String> subjects(List<Evidence> evidence, Report rules) {
        Set<String> s = new LinkedHashSet<>();
        rules.causes().forEach(c -> s.add(c.subject()));
        for (Evidence e : evidence) {
            String owner = e.facts().getOrDefault("owner", "");
            if (owner.startsWith("container=") || owner.startsWith("service=")) {
                s.add(owner.substring(owner.indexOf('=') + 1));
            }
            for (String key : List.of("mount", "path", "container", "service", "target")) {
                if (e.facts().containsKey(key)) {
                    s.add(e.facts().get(key));
                }
            }
            s.add(e.subject());
        }
        s.removeIf(String::isBlank);
        return List.copyOf(s);
    }

    /*
     * Free text is bounded so that a whole answer fits the token limit even for a model that spends a token per
     * character: an answer cut off is not JSON. Three causes' explanations and a summary take about half of it.
     */
    private static int summaryLength(int maxTokens) {
        return Math.max(60, Math.min(240, maxTokens / 8));
    }

    private static int textLength(int maxTokens) {
        return Math.max(40, Math.min(200, maxTokens / 10));
    }

    private static String header(IncidentFacts f) {
        return String.format(Locale.ROOT, "Incident %d: %s. Onset %s%s. Evidence (id | kind | seconds from onset | subject | fact):",
                f.incident().id(), f.incident().title(), f.incident().start(),
                f.incident().end() == null ? ", still open" : ", resolved " + f.incident().end());
    }

    private static List<String> lines(IncidentFacts f, Collection<Evidence> evidence) {
        return evidence.stream().map(e -> String.format(Locale.ROOT, "%s | %s | %+d | %s | %s", e.id(), e.kind(),
                Duration.between(f.incident().start(), e.time()).toSeconds(), e.subject(), e.summary())).toList();
    }

    private static List<String> ids(List<Evidence> evidence) {
        return evidence.stream().map(Evidence::id).toList();
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ObjectNode text(int max) {
        return object().put("type", "string").put("maxLength", max);
    }

    private static ObjectNode enumOf(Collection<?> values) {
        ObjectNode n = object();
        ArrayNode a = n.putArray("enum");
        values.forEach(v -> a.addPOJO(v));
        return n;
    }

    private static ObjectNode array(ObjectNode items, int min, int max) {
        ObjectNode n = object().put("type", "array").put("minItems", min).put("maxItems", max);
        n.set("items", items);
        return n;
    }

    /** An object schema with all the given properties required, in order. */
    private static ObjectNode obj(ObjectNode properties) {
        ObjectNode s = object().put("type", "object");
        s.set("properties", properties);
        ArrayNode required = s.putArray("required");
        properties.fieldNames().forEachRemaining(required::add);
        s.put("additionalProperties", false);
        return s;
    }

    private static String schema(ObjectNode properties) {
        return obj(properties).toString();
    }
}
