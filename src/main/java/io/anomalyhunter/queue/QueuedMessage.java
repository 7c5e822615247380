package io.anomalyhunter.queue;

import java.time.Instant;

/**
 * A message handed out under a lease. {@code attempts} counts this delivery too and is the lease's token:
 * an ack or retry from an older lease of the same message is ignored.
 */
public record QueuedMessage(long id, String topic, String payload, int attempts, Instant created, String lastError) {
}
