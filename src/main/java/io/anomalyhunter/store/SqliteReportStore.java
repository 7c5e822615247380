package io.anomalyhunter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest root-cause report of each incident, kept as the JSON the API serves (the store knows no report type:
 * analysis sits above it). A small write on the maintenance connection: one per analysis job.
 */
public final class SqliteReportStore {
    private final SqliteDatabase db;

    /** A stored report: when it was made, by what ("rules" or "llm"), and its JSON. */
    public record StoredReport(long incidentId, Instant created, String source, String json) {
    }

    public SqliteReportStore(SqliteDatabase db) {
        this.db = db;
    }

    /** Keeps this report as the incident's latest, replacing the one before. */
    public void save(long incidentId, Instant created, String source, String json) {
        db.maintain(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO reports(incident_id, created_ms, source, body) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT(incident_id) DO UPDATE SET created_ms=excluded.created_ms, "
                    + "source=excluded.source, body=excluded.body")) {
                p.setLong(1, incidentId);
                p.setLong(2, created.toEpochMilli());
                p.setString(3, source);
                p.setString(4, json);
                return p.executeUpdate();
            }
        });
    }

    public Optional<StoredReport> find(long incidentId) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT created_ms, source, body FROM reports WHERE incident_id=?")) {
                p.setLong(1, incidentId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredReport(incidentId, Instant.ofEpochMilli(rs.getLong(1)),
                            rs.getString(2), rs.getString(3))) : Optional.empty();
                }
            }
        });
    }
}
