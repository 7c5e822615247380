package io.anomalyhunter.alert.sink;

import io.anomalyhunter.queue.Outcome;

/**
 * Delivers an alert to one destination. Returns {@link Outcome.Done} when the peer accepted it,
 * {@link Outcome.Retry} when it may accept later (down, timeout, temporary refusal) and
 * {@link Outcome.Reject} when it refused for good (HTTP 4xx, SMTP 5xx); exceptions count as Retry.
 */
public interface AlertSink {
    Outcome deliver(Alert alert) throws Exception;
}
