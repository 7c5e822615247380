package io.anomalyhunter.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes work off the durable queue: at-least-once delivery under a lease (visibility timeout). A consumer leases
 * messages, does the work, then acks; a message whose lease runs out (the consumer crashed) is handed out
 * again. Failures are retried later or dead-lettered with their reason. Throws {@link QueueException} when the
 * queue's storage cannot be used.
 */
public interface QueueConsumer {
    /** Up to {@code max} ready messages of the topic, oldest first, each leased for {@code lease}. */
    List<QueuedMessage> lease(String topic, int max, Duration lease);

    /** The work is done: the messages will not be handed out again. */
    void ack(List<QueuedMessage> messages);

    /** Hand the message out again after {@code delay}, keeping {@code error} as its last error. */
    void retry(QueuedMessage message, Duration delay, String error);

    /** Hand the message out again after {@code delay} without counting this delivery (rate limits). */
    void defer(QueuedMessage message, Duration delay);

    /** Never hand it out again; keep it as a dead letter with the reason. */
    void deadLetter(QueuedMessage message, String error);

    /** When the topic's next waiting message becomes ready (it may be now); empty when none waits. */
    Optional<Instant> nextDue(String topic);
}
