package io.anomalyhunter.rca;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A root-cause report of one incident: where it came from ({@link #RULES} or {@link #LLM}, with the model's name),
 * a summary, the likeliest causes in rank order (each citing evidence ids), what to do next with concrete
 * commands, the evidence itself, and notes (what each agent found; why a report fell back to the rules). The schema
 * of docs/rca.md.
 */
public record Report(long incidentId, String source, String model, String summary, List<Cause> causes,
                     List<Action> actions, List<Evidence> evidence, List<String> notes, Instant created) {
    public static final String RULES = "rules";
    public static final String LLM = "llm";

    /**
     * A candidate cause: its rank (1 first), kind, what it names, confidence 0-1, the evidence ids it rests on, and
     * those that speak against it (only the agents name these).
     */
    public record Cause(int rank, String kind, String subject, double confidence, List<String> evidence, String explanation,
                        List<String> contradicting) {
        public Cause(int rank, String kind, String subject, double confidence, List<String> evidence, String explanation) {
            this(rank, kind, subject, confidence, evidence, explanation, List.of());
        }

        public Cause {
            evidence = List.copyOf(evidence);
            contradicting = List.copyOf(contradicting);
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
            }
        }
    }

    /** A next step for the operator, with the command that does it (empty where there is none). */
    public record Action(String text, String command) {
    }

    public Report {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(summary, "summary");
        causes = List.copyOf(causes);
        actions = List.copyOf(actions);
        evidence = List.copyOf(evidence);
        notes = List.copyOf(notes);
    }

    /** This report with a note added at the end. */
    public Report withNote(String note) {
        List<String> n = new java.util.ArrayList<>(notes);
        n.add(note);
        return new Report(incidentId, source, model, summary, causes, actions, evidence, n, created);
    }
}
