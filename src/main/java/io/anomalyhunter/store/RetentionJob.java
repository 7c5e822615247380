package io.anomalyhunter.store;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/** Deletes what is older than the retention settings: raw samples after {@code raw}, everything else after {@code maxAge}. */
public final class RetentionJob {
    private final SqliteDatabase db;
    private final Duration raw;
    private final Duration maxAge;

    public RetentionJob(SqliteDatabase db, Duration raw, Duration maxAge) {
        this.db = db;
        this.raw = raw;
        this.maxAge = maxAge;
    }

    /** Returns the number of rows deleted. */
    public int run(Instant now) {
        long rawCut = now.minus(raw).toEpochMilli();
        long ageCut = now.minus(maxAge).toEpochMilli();
        return db.read(c -> {
            int deleted = 0;
            // Per series, so each delete walks the (series_id, ts) primary key instead of the whole table.
            try (PreparedStatement ids = c.prepareStatement("SELECT id FROM series");
                 PreparedStatement samples = c.prepareStatement("DELETE FROM samples WHERE series_id = ? AND ts < ?");
                 PreparedStatement rollups = c.prepareStatement("DELETE FROM rollups_1m WHERE series_id = ? AND ts < ?")) {
                var rs = ids.executeQuery();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    samples.setLong(1, id);
                    samples.setLong(2, rawCut);
                    deleted += samples.executeUpdate();
                    rollups.setLong(1, id);
                    rollups.setLong(2, ageCut);
                    deleted += rollups.executeUpdate();
                }
            }
            try (PreparedStatement a = c.prepareStatement("DELETE FROM anomalies WHERE end_ms IS NOT NULL AND end_ms < ?");
                 PreparedStatement i = c.prepareStatement("DELETE FROM incidents WHERE end_ms IS NOT NULL AND end_ms < ?")) {
                a.setLong(1, ageCut);
                i.setLong(1, ageCut);
                deleted += a.executeUpdate() + i.executeUpdate();
            }
            return deleted;
        });
    }
}
