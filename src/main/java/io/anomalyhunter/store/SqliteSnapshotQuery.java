package io.anomalyhunter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link SnapshotQuery} over the process_snapshots table. */
public final class SqliteSnapshotQuery implements SnapshotQuery {
    private final SqliteDatabase db;

    public SqliteSnapshotQuery(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<Snapshot> forAnomaly(long anomalyId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT taken_ms, processes FROM process_snapshots WHERE anomaly_id = ?")) {
                p.setLong(1, anomalyId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Snapshot(anomalyId, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2)))
                            : Optional.<Snapshot>empty();
                }
            }
        });
    }
}
