package io.anomalyhunter.store;

import java.util.Optional;

/**
 * Whether the store keeps up, for /health and /metrics: empty degradation when it does, else what is wrong, and
 * what it had to drop or retry. Thread-safe.
 */
public interface StoreHealth {
    Optional<String> degradation();

    /** Raw samples dropped because the writer fell behind or the disk is short of space. */
    long droppedSamples();

    /** One-minute rollups dropped while the disk was short of space or failing. */
    long droppedRollups();

    /** Write transactions that failed (and were held and retried). */
    long failures();

    /** Writes waiting for the database. */
    int pending();
}
