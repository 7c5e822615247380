package io.anomalyhunter.queue;


/** Does the work for one message of a topic. Exceptions count as {@link Outcome.Retry}. */
@FunctionalInterface
public interface MessageProcessor {
    Outcome process(QueuedMessage message) throws Exception;
}
