package io.anomalyhunter.store;

import java.time.Instant;
import java.util.Optional;

/** Reads the process snapshots stored with anomalies. Thread-safe. */
public interface SnapshotQuery {
    /** @param json the processes as the pipeline wrote them */
    record Snapshot(long anomalyId, Instant taken, String json) {
    }

    Optional<Snapshot> forAnomaly(long anomalyId);
}
