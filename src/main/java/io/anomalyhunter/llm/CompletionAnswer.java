package io.anomalyhunter.llm;

/**
 * The model's answer: its text (JSON under the request's grammar, not yet validated), the prompt's length in tokens,
 * the tokens generated, how many of the request's lines did not fit, and how long it took.
 */
public record CompletionAnswer(String text, int promptTokens, int tokens, int droppedLines, long millis) {
}
