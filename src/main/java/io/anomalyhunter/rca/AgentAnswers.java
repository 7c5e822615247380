package io.anomalyhunter.rca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks the agents' answers after decoding. The grammar keeps them to the schema's shape, but not to its
 * bounds, and an answer cut off at the token limit is not JSON at all; so every id must name real evidence, every
 * kind, subject and command must be one offered, and confidence must lie in [0, 1]. A cause left citing nothing real
 * is dropped, with the reason kept. Pure.
 */
final class AgentAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longest free text kept from an answer. */
    static final int MAX_TEXT = 300;

    private AgentAnswers() {
    }

    /** An answer that cannot be used: not JSON, not the schema's shape, or nothing valid left in it. */
    static final class InvalidAnswer extends Exception {
        InvalidAnswer(String message) {
            super(message);
        }
    }

    record Pattern(String evidence, String shape, String unusual) {
    }

    record PatternFinding(String summary, String first, List<Pattern> patterns) {
        /** One line for the next agent and the report. */
        String line() {
            StringBuilder s = new StringBuilder(summary);
            if (!first.isEmpty()) {
                s.append(s.isEmpty() ? "" : " ").append("First to move: ").append(first).append('.');
            }
            for (Pattern p : patterns) {
                s.append(' ').append(p.evidence()).append(": ").append(p.shape().replace('_', ' ')).append(", ")
                        .append(p.unusual()).append(" unusual.");
            }
            return s.toString().strip();
        }
    }

    record Link(String evidence, String plausible, String why) {
    }

    record ChangeFinding(String summary, List<Link> linked) {
        String line() {
            StringBuilder s = new StringBuilder(summary);
            for (Link l : linked) {
                s.append(' ').append(l.evidence()).append(": ").append(l.plausible()).append(l.why().isEmpty() ? "" : ", " + l.why())
                        .append('.');
            }
            return s.toString().strip();
        }
    }

    /** The Root Cause agent's answer, checked: causes ranked 1.., the commands it picked, and what was dropped and why. */
    record RootAnswer(String summary, List<Report.Cause> causes, List<String> commands, List<String> dropped) {
    }

    static PatternFinding pattern(String text, Set<String> ids) throws InvalidAnswer {
        JsonNode root = object(text, "Pattern Analyst");
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode p : root.path("patterns")) {
            String id = p.path("evidence").asText("");
            if (ids.contains(id) && AgentPrompts.SHAPES.contains(p.path("shape").asText())
                    && AgentPrompts.UNUSUAL.contains(p.path("unusual").asText())
                    && patterns.stream().noneMatch(x -> x.evidence().equals(id))) {
                patterns.add(new Pattern(id, p.path("shape").asText(), p.path("unusual").asText()));
            }
        }
        String first = root.path("first").asText("");
        return new PatternFinding(clean(root.path("summary").asText("")), ids.contains(first) ? first : "", patterns);
    }

    static ChangeFinding changes(String text, Set<String> changeIds) throws InvalidAnswer {
        JsonNode root = object(text, "Change Detective");
        List<Link> linked = new ArrayList<>();
        for (JsonNode l : root.path("linked")) {
            String id = l.path("evidence").asText("");
            if (changeIds.contains(id) && AgentPrompts.PLAUSIBLE.contains(l.path("plausible").asText())
                    && linked.stream().noneMatch(x -> x.evidence().equals(id))) {
                linked.add(new Link(id, l.path("plausible").asText(), clean(l.path("why").asText(""))));
            }
        }
        return new ChangeFinding(clean(root.path("summary").asText("")), linked);
    }

    static RootAnswer rootCause(String text, Set<String> ids, Set<String> subjects, Set<String> commands) throws InvalidAnswer {
        JsonNode root = object(text, "Root Cause");
        List<Report.Cause> causes = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int n = 0;
        for (JsonNode c : root.path("causes")) {
            n++;
            String kind = c.path("kind").asText("");
            String subject = c.path("subject").asText("");
            JsonNode conf = c.path("confidence");
            List<String> supporting = real(c.path("supporting"), ids);
            String problem = !AgentPrompts.KINDS.contains(kind) ? "kind '" + clean(kind) + "' is not one of " + AgentPrompts.KINDS
                    : !subjects.contains(subject) ? "subject '" + clean(subject) + "' names nothing in the evidence"
                    : !conf.isNumber() || !(conf.asDouble() >= 0 && conf.asDouble() <= 1) ? "confidence " + conf + " is not in [0, 1]"
                    : supporting.isEmpty() ? "it cites no real evidence"
                    : !seen.add(kind + "|" + subject) ? "it repeats an earlier cause" : null;
            if (problem != null) {
                dropped.add("cause " + n + " dropped: " + problem);
                continue;
            }
            List<String> against = real(c.path("contradicting"), ids);
            against.removeAll(supporting);
            causes.add(new Report.Cause(causes.size() + 1, kind, subject, conf.asDouble(), supporting,
                    clean(c.path("explanation").asText("")), against));
        }
        if (causes.isEmpty()) {
            throw new InvalidAnswer("the Root Cause answer has no usable cause" + (dropped.isEmpty() ? "" : " (" + String.join("; ", dropped) + ")"));
        }
        List<String> picked = new ArrayList<>();
        for (JsonNode a : root.path("actions")) {
            if (commands.contains(a.asText()) && !picked.contains(a.asText())) {
                picked.add(a.asText());
            }
        }
        return new RootAnswer(clean(root.path("summary").asText("")), causes, picked, dropped);
    }

    private static List<String> real(JsonNode array, Set<String> ids) {
        List<String> out = new ArrayList<>();
        for (JsonNode id : array) {
            if (ids.contains(id.asText()) && !out.contains(id.asText())) {
                out.add(id.asText());
            }
        }
        return out;
    }

    private static JsonNode object(String text, String agent) throws InvalidAnswer {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new InvalidAnswer("the " + agent + " answer is not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new InvalidAnswer("the " + agent + " answer is not JSON (cut off at models.llm.max_tokens?): "
                    + e.getOriginalMessage());
        }
    }

    /** Model text made safe to show: no control characters, one line, bounded. */
    static String clean(String s) {
        String one = s.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "..." : one;
    }
}
