package io.anomalyhunter.store;

import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link IncidentQuery} over the incidents table. */
public final class SqliteIncidentQuery implements IncidentQuery {
    private static final String COLUMNS = "id, start_ms, end_ms, severity, max_score, title, anomaly_ids, series";
    private final SqliteDatabase db;

    public SqliteIncidentQuery(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Incident> find(IncidentFilter f) {
        return db.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM incidents WHERE (end_ms IS NULL OR end_ms >= ?) AND start_ms <= ?"
                    + (f.openOnly() ? " AND end_ms IS NULL" : "") + " ORDER BY start_ms DESC, id DESC LIMIT ? OFFSET ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, f.since() == null ? Long.MIN_VALUE : f.since().toEpochMilli());
                p.setLong(2, f.until() == null ? Long.MAX_VALUE : f.until().toEpochMilli());
                p.setInt(3, f.limit());
                p.setInt(4, f.offset());
                return readAll(p);
            }
        });
    }

    @Override
    public Optional<Incident> byId(long id) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE id = ?")) {
                p.setLong(1, id);
                return readAll(p).stream().findFirst();
            }
        });
    }

    /** The highest id in use, so ids continue across restarts. */
    public long maxId() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM incidents");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static List<Incident> readAll(PreparedStatement p) throws SQLException {
        List<Incident> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long end = rs.getLong(3);
                Instant endTime = rs.wasNull() ? null : Instant.ofEpochMilli(end);
                String ids = rs.getString(7);
                List<Long> anomalyIds = ids.isEmpty() ? List.of()
                        : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
                String series = rs.getString(8);
                out.add(new Incident(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), endTime,
                        Severity.valueOf(rs.getString(4)), rs.getDouble(5), rs.getString(6), anomalyIds,
                        series.isEmpty() ? List.of() : List.of(series.split("\n"))));
            }
        }
        return out;
    }
}
