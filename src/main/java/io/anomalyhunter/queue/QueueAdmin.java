package io.anomalyhunter.queue;

import java.time.Duration;
import java.util.List;

/** What an operator sees and does with the queue: counts, listings, dead letters, housekeeping. */
public interface QueueAdmin {
    List<QueueStats> stats();

    /** Waiting (or, with {@code dead}, dead) messages, oldest first. */
    List<QueuedMessage> list(boolean dead, int limit);

    /** Makes a dead letter ready again with a fresh attempt count; false when no such dead letter. */
    boolean retryDead(long id);

    /** Deletes all dead letters; returns how many. */
    int purgeDead();

    /** Deletes done messages older than {@code age}; returns how many. */
    int purgeDone(Duration age);
}
