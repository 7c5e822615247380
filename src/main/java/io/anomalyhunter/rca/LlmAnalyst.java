package io.anomalyhunter.rca;

import io.anomalyhunter.llm.Completion;
import io.anomalyhunter.llm.CompletionAnswer;
import io.anomalyhunter.llm.LlmFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The three agents in turn: the Pattern Analyst reads the anomalies, the Change Detective the changes before onset
 * (skipped when there are none), and the Root Cause agent ranks causes from the evidence and both findings, starting
 * from the rule-based ranking. Its causes are checked ({@link AgentAnswers}); an answer with none left gives the
 * rule-based report, with a note saying why. A model that does not answer is the caller's to retry.
 */
public final class LlmAnalyst {
    private LlmAnalyst() {
    }

    public static Report analyse(RcaService.Analysis a, Completion llm, int maxTokens, Instant now) throws LlmFailure {
        IncidentFacts f = a.facts();
        List<Evidence> evidence = a.evidence();
        Set<String> ids = evidence.stream().map(Evidence::id).collect(Collectors.toSet());
        List<String> notes = new ArrayList<>();
        long millis = 0;
        int tokens = 0;

        CompletionAnswer pa = llm.complete(AgentPrompts.patternAnalyst(f, evidence, maxTokens));
        millis += pa.millis();
        tokens += pa.tokens();
        String pattern = "";
        try {
            pattern = AgentAnswers.pattern(pa.text(), ids).line();
            notes.add("Pattern Analyst: " + pattern);
        } catch (AgentAnswers.InvalidAnswer e) {
            notes.add("Pattern Analyst: no usable answer (" + e.getMessage() + ")");
        }

        String changes = "";
        Set<String> changeIds = evidence.stream().filter(e -> e.kind().equals(Evidence.CHANGE)).map(Evidence::id)
                .collect(Collectors.toSet());
        if (!changeIds.isEmpty()) {
            CompletionAnswer cd = llm.complete(AgentPrompts.changeDetective(f, evidence, pattern, maxTokens));
            millis += cd.millis();
            tokens += cd.tokens();
            try {
                changes = AgentAnswers.changes(cd.text(), changeIds).line();
                notes.add("Change Detective: " + changes);
            } catch (AgentAnswers.InvalidAnswer e) {
                notes.add("Change Detective: no usable answer (" + e.getMessage() + ")");
            }
        } else {
            notes.add("Change Detective: no change was recorded in the window before onset");
        }

        Map<String, Report.Action> offered = new LinkedHashMap<>();
        Map<String, Evidence> byId = new LinkedHashMap<>();
        evidence.forEach(e -> byId.put(e.id(), e));
        a.rules().actions().forEach(x -> offered.putIfAbsent(x.command(), x));
        Actions.general(f.incident().start()).forEach(x -> offered.putIfAbsent(x.command(), x));
        CompletionAnswer rc = llm.complete(AgentPrompts.rootCause(f, evidence, a.rules(), pattern, changes,
                List.copyOf(offered.values()), maxTokens));
        millis += rc.millis();
        tokens += rc.tokens();
        AgentAnswers.RootAnswer root;
        try {
            root = AgentAnswers.rootCause(rc.text(), ids, Set.copyOf(AgentPrompts.subjects(evidence, a.rules())), offered.keySet());
        } catch (AgentAnswers.InvalidAnswer e) {
            return a.rules().withNote("The model's analysis (" + llm.model() + ") was not usable: " + e.getMessage()
                    + "; this is the rule-based analysis.");
        }
        notes.addAll(root.dropped());
        notes.add(String.format(Locale.ROOT, "%s: %d tokens generated in %.1f s over %d agent calls", llm.model(), tokens,
                millis / 1000.0, changeIds.isEmpty() ? 2 : 3));

        List<Report.Action> actions = new ArrayList<>();
        root.commands().forEach(c -> actions.add(offered.get(c)));
        for (Report.Cause c : root.causes()) {
            Actions.forCause(c, byId, f.incident().start()).stream().filter(x -> !actions.contains(x)).forEach(actions::add);
        }
        Report.Cause top = root.causes().get(0);
        String summary = String.format(Locale.ROOT, "Incident %d: %s. %s", f.incident().id(), f.incident().title(),
                root.summary().isEmpty() ? String.format(Locale.ROOT, "Most likely: %s %s (confidence %.1f).", top.kind(),
                        top.subject(), top.confidence()) : root.summary());
        return new Report(f.incident().id(), Report.LLM, llm.model(), summary, root.causes(), actions, evidence, notes, now);
    }
}
