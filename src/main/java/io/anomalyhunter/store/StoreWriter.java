package io.anomalyhunter.store;

/**
 * Accepts writes for the database. Contract: thread-safe; returns without waiting for the disk;
 * writes are applied in the order submitted, in batched transactions. Raw samples may be dropped
 * (and counted) under overload; anomalies, incidents and baselines never are.
 */
public interface StoreWriter {
    void submit(StoreWrite write);
}
