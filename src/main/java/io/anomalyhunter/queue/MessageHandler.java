package io.anomalyhunter.queue;

import io.anomalyhunter.store.QueuedMessage;

/** Does the work for one message of a topic. Exceptions count as {@link Outcome.Retry}. */
@FunctionalInterface
public interface MessageHandler {
    Outcome handle(QueuedMessage message) throws Exception;
}
