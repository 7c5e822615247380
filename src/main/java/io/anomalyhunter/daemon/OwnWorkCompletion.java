package io.anomalyhunter.daemon;

import io.anomalyhunter.detect.OwnWork;
import io.anomalyhunter.llm.Completion;
import io.anomalyhunter.llm.CompletionAnswer;
import io.anomalyhunter.llm.CompletionRequest;
import io.anomalyhunter.llm.LlmFailure;

/**
 * The model worker, its answers marked as the daemon's own work: a 3-8B model on CPU takes every core for
 * minutes per report, and the host's baselines must not learn that as the host (nor call it an anomaly).
 */
record OwnWorkCompletion(Completion worker, OwnWork ownWork) implements Completion {
    @Override
    public CompletionAnswer complete(CompletionRequest request) throws LlmFailure {
        try (OwnWork.Span ignored = ownWork.begin()) {
            return worker.complete(request);
        }
    }

    @Override
    public String model() {
        return worker.model();
    }
}
