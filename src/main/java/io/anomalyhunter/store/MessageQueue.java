package io.anomalyhunter.store;

import java.time.Duration;
import java.util.List;

/**
 * The durable queue: at-least-once delivery under a lease (visibility timeout). A consumer leases
 * messages, does the work, then acks; a message whose lease runs out (the consumer crashed) is handed out
 * again. Failures are retried later or dead-lettered with their reason.
 */
public interface MessageQueue {
    /** Enqueues in one transaction; returns how many were new (dedup keys already present are skipped). */
    int enqueue(List<QueueItem> items);

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

    List<QueueStats> stats();

    /** When the topic's next waiting message becomes ready (it may be now); empty when none waits. */
    java.util.Optional<java.time.Instant> nextDue(String topic);

    /** Waiting (or, with {@code dead}, dead) messages, oldest first. */
    List<QueuedMessage> list(boolean dead, int limit);

    /** Makes a dead letter ready again with a fresh attempt count; false when no such dead letter. */
    boolean retryDead(long id);

    /** Deletes all dead letters; returns how many. */
    int purgeDead();

    /** Deletes done messages older than {@code age}; returns how many. */
    int purgeDone(Duration age);
}
