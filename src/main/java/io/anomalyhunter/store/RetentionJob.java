package io.anomalyhunter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what is older than the retention settings: raw samples after {@code raw}, everything else after
 * {@code maxAge}. Works in short write transactions taken with BEGIN IMMEDIATE, so it waits its turn behind the
 * writer (busy timeout) instead of failing when the writer commits between its read and its delete
 * (SQLITE_BUSY_SNAPSHOT), and never holds the database for long.
 */
public final class RetentionJob {
    /** Series per transaction: small enough that the writer waits milliseconds, not seconds. */
    private static final int SERIES_PER_TRANSACTION = 50;

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
        return db.maintain(c -> {
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM series")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            int deleted = 0;
            for (int from = 0; from < ids.size(); from += SERIES_PER_TRANSACTION) {
                List<Long> batch = ids.subList(from, Math.min(ids.size(), from + SERIES_PER_TRANSACTION));
                deleted += inTransaction(c, () -> deleteSeriesRows(c, batch, rawCut, ageCut));
            }
            deleted += inTransaction(c, () -> {
                try (PreparedStatement a = c.prepareStatement("DELETE FROM anomalies WHERE end_ms IS NOT NULL AND end_ms < ?");
                     PreparedStatement i = c.prepareStatement("DELETE FROM incidents WHERE end_ms IS NOT NULL AND end_ms < ?");
                     PreparedStatement ch = c.prepareStatement("DELETE FROM changes WHERE ts_ms < ?");
                     PreparedStatement ps = c.prepareStatement("DELETE FROM process_snapshots WHERE taken_ms < ?")) {
                    a.setLong(1, ageCut);
                    i.setLong(1, ageCut);
                    ch.setLong(1, ageCut);
                    ps.setLong(1, ageCut);
                    return a.executeUpdate() + i.executeUpdate() + ch.executeUpdate() + ps.executeUpdate();
                }
            });
            return deleted;
        });
    }

    // Per series, so each delete walks the (series_id, ts) primary key instead of the whole table.
    private static int deleteSeriesRows(Connection c, List<Long> ids, long rawCut, long ageCut) throws SQLException {
        int deleted = 0;
        try (PreparedStatement samples = c.prepareStatement("DELETE FROM samples WHERE series_id = ? AND ts < ?");
             PreparedStatement rollups = c.prepareStatement("DELETE FROM rollups_1m WHERE series_id = ? AND ts < ?")) {
            for (long id : ids) {
                samples.setLong(1, id);
                samples.setLong(2, rawCut);
                deleted += samples.executeUpdate();
                rollups.setLong(1, id);
                rollups.setLong(2, ageCut);
                deleted += rollups.executeUpdate();
            }
        }
        return deleted;
    }

    private interface Work {
        int run() throws SQLException;
    }

    private static int inTransaction(Connection c, Work work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                int n = work.run();
                s.execute("COMMIT");
                return n;
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }
}
