package io.anomalyhunter.queue;

import java.util.Objects;

/**
 * A message to enqueue. {@code dedupKey} (may be null) makes the enqueue idempotent per topic: a second item
 * with the same key is ignored for as long as the first is kept (done messages are kept until purged).
 */
public record QueueItem(String topic, String payload, String dedupKey) {
    public QueueItem {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
