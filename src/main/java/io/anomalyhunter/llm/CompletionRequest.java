package io.anomalyhunter.llm;

import java.util.List;
import java.util.Objects;

/**
 * One question for the model: a system instruction, then a user message made of a head, droppable lines and a tail,
 * and the JSON schema the answer must match (decoded under its grammar). When the whole does not fit the context with
 * room for {@code maxTokens}, lines are dropped from the end, so list the most important ones first.
 */
public record CompletionRequest(String system, String head, List<String> lines, String tail, String schema, int maxTokens) {
    public CompletionRequest {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(tail, "tail");
        Objects.requireNonNull(schema, "schema");
        lines = List.copyOf(lines);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }
}
