package io.anomalyhunter.queue;

import java.time.Duration;

/**
 * Wakes queue consumers in this process when something was enqueued, so delivery does not wait for the
 * next poll. Consumers still poll (retries come due, leases run out, another process may enqueue).
 */
public final class QueueSignal {
    private long generation;

    public synchronized void enqueued() {
        generation++;
        notifyAll();
    }

    /** The current generation, to pass to {@link #await}. */
    public synchronized long generation() {
        return generation;
    }

    /** Waits until something is enqueued after {@code seen}, or the timeout passes. */
    public synchronized void await(long seen, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
