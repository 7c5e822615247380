package io.anomalyhunter.store;

import io.anomalyhunter.series.SeriesKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SeriesQuery} over raw samples and 1-minute rollups; the band comes from the rollups in both cases (a
 * raw step takes the band of its minute).
 */
public final class SqliteSeriesQuery implements SeriesQuery {
    private static final String RAW = "SELECT (s.ts / ?) * ? AS b, AVG(s.value), MIN(s.value), MAX(s.value),"
            + " AVG(r.band_low), AVG(r.band_high) FROM samples s LEFT JOIN rollups_1m r"
            + " ON r.series_id = s.series_id AND r.ts = (s.ts / 60000) * 60000"
            + " WHERE s.series_id = (SELECT id FROM series WHERE key = ?) AND s.ts >= ? AND s.ts <= ? GROUP BY b ORDER BY b";
    private static final String ROLLED = "SELECT (ts / ?) * ? AS b, SUM(sum) / SUM(count), MIN(min), MAX(max),"
            + " AVG(band_low), AVG(band_high) FROM rollups_1m WHERE series_id = (SELECT id FROM series WHERE key = ?)"
            + " AND ts >= ? AND ts <= ? GROUP BY b ORDER BY b";
    private final SqliteDatabase db;

    public SqliteSeriesQuery(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<SeriesPoint> range(SeriesKey series, Instant from, Instant to, Duration step) {
        long stepMs = Math.max(1, step.toMillis());
        String sql = stepMs < 60_000 ? RAW : ROLLED;
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, stepMs);
                p.setLong(2, stepMs);
                p.setString(3, series.text());
                p.setLong(4, from.toEpochMilli());
                p.setLong(5, to.toEpochMilli());
                List<SeriesPoint> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SeriesPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), nullable(rs, 5), nullable(rs, 6)));
                    }
                }
                return out;
            }
        });
    }

    private static double nullable(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }
}
