package io.anomalyhunter.llm;

/**
 * The seam between the analysis and the language model: one constrained completion. The daemon's is a
 * {@link WorkerProcess} (the model in a child process); the agents see only this.
 */
public interface Completion {
    /** Runs one request; a crash, a timeout or an answer that is not one are {@link LlmFailure}s. */
    CompletionAnswer complete(CompletionRequest request) throws LlmFailure;

    /** The model's name as reports show it (its file name). */
    String model();
}
