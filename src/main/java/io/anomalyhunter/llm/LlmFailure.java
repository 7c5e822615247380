package io.anomalyhunter.llm;

/** The model did not answer: the worker crashed, timed out, could not start, or said it failed. */
public final class LlmFailure extends Exception {
    public LlmFailure(String message) {
        super(message);
    }
}
