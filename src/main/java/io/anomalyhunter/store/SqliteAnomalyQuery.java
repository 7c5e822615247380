package io.anomalyhunter.store;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.series.SeriesKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** {@link AnomalyQuery} over the anomalies table. */
public final class SqliteAnomalyQuery implements AnomalyQuery {
    private static final String COLUMNS = "id, series_key, detector, start_ms, end_ms, peak_value, peak_ms,"
            + " expected_low, expected_high, score, confidence, reason";
    private final SqliteDatabase db;

    public SqliteAnomalyQuery(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Anomaly> find(AnomalyFilter f) {
        return db.read(c -> {
            String sql = "SELECT " + COLUMNS + " FROM anomalies WHERE (end_ms IS NULL OR end_ms >= ?) AND start_ms <= ?"
                    + " AND score >= ?" + (f.metric() == null ? "" : " AND metric = ?")
                    + " ORDER BY start_ms DESC, id DESC LIMIT ? OFFSET ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                p.setLong(i++, f.since() == null ? Long.MIN_VALUE : f.since().toEpochMilli());
                p.setLong(i++, f.until() == null ? Long.MAX_VALUE : f.until().toEpochMilli());
                p.setDouble(i++, f.minScore());
                if (f.metric() != null) {
                    p.setString(i++, f.metric());
                }
                p.setInt(i++, f.limit());
                p.setInt(i, f.offset());
                return readAll(p);
            }
        });
    }

    @Override
    public List<Anomaly> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM anomalies WHERE id IN (" + in
                    + ") ORDER BY start_ms, id")) {
                return readAll(p);
            }
        });
    }

    /** Anomalies without an end, oldest first. */
    public List<Anomaly> open() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM anomalies WHERE end_ms IS NULL"
                    + " ORDER BY start_ms, id")) {
                return readAll(p);
            }
        });
    }

    /** The highest id in use, so ids continue across restarts. */
    public long maxId() {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM anomalies");
                 ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private static List<Anomaly> readAll(PreparedStatement p) throws SQLException {
        List<Anomaly> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long end = rs.getLong(5);
                Instant endTime = rs.wasNull() ? null : Instant.ofEpochMilli(end);
                out.add(new Anomaly(rs.getLong(1), SeriesKey.parse(rs.getString(2)), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), endTime, rs.getDouble(6), Instant.ofEpochMilli(rs.getLong(7)),
                        nullableDouble(rs, 8), nullableDouble(rs, 9), rs.getDouble(10), rs.getDouble(11),
                        rs.getString(12)));
            }
        }
        return out;
    }

    private static double nullableDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }
}
