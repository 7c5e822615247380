package io.anomalyhunter.store;

/** Whether the database answers, for /health: read on a connection of its own, so busy readers cannot block it. */
public interface DatabaseProbe {
    /** The schema version; throws {@link StoreException} when the database cannot be read. */
    int schemaVersion();
}
