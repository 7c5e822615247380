package io.anomalyhunter.store;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.series.Rollup;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The writer's prepared statements and the SQL for each kind of {@link StoreWrite}. */
final class SqliteStatements implements AutoCloseable {
    private final BaselineStateMapper mapper;
    private final Connection connection;
    private final PreparedStatement insertSeries;
    private final PreparedStatement selectSeries;
    private final PreparedStatement insertSample;
    private final PreparedStatement upsertRollup;
    private final PreparedStatement upsertBaseline;
    private final PreparedStatement upsertAnomaly;
    private final PreparedStatement upsertIncident;
    private final ChangeRows changes;
    private final Map<SeriesKey, Long> seriesIds = new HashMap<>();
    private final InstantSource clock;

    SqliteStatements(Connection c, BaselineStateMapper mapper, InstantSource clock) throws SQLException {
        this.mapper = mapper;
        this.clock = clock;
        this.connection = c;
        insertSeries = c.prepareStatement("INSERT OR IGNORE INTO series(key, metric, first_seen) VALUES (?,?,?)");
        selectSeries = c.prepareStatement("SELECT id FROM series WHERE key=?");
        changes = new ChangeRows(c);
        insertSample = c.prepareStatement("INSERT OR REPLACE INTO samples(series_id, ts, value) VALUES (?,?,?)");
        upsertRollup = c.prepareStatement(
                "INSERT OR REPLACE INTO rollups_1m(series_id, ts, min, max, sum, count, band_low, band_high)"
                        + " VALUES (?,?,?,?,?,?,?,?)");
        upsertBaseline = c.prepareStatement("INSERT OR REPLACE INTO baselines(series_key, state, updated) VALUES (?,?,?)");
        upsertAnomaly = c.prepareStatement("INSERT OR REPLACE INTO anomalies(id, series_key, metric, detector, start_ms,"
                + " end_ms, peak_value, peak_ms, expected_low, expected_high, score, confidence, reason)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        upsertIncident = c.prepareStatement("INSERT OR REPLACE INTO incidents(id, start_ms, end_ms, severity, max_score,"
                + " title, anomaly_ids, series) VALUES (?,?,?,?,?,?,?,?)");
    }

    void apply(StoreWrite w) throws SQLException {
        if (w instanceof StoreWrite.Samples s) {
            samples(s);
        } else if (w instanceof StoreWrite.Rollups r) {
            rollups(r);
        } else if (w instanceof StoreWrite.AnomalyRow a) {
            anomaly(a.anomaly());
        } else if (w instanceof StoreWrite.IncidentRow i) {
            incident(i.incident());
            SqliteQueue.insert(connection, i.enqueue(), clock.millis());
        } else if (w instanceof StoreWrite.Baselines b) {
            baselines(b);
        } else if (w instanceof StoreWrite.Changes ch) {
            changes.insert(ch.changes());
        } else if (w instanceof StoreWrite.ProcessSnapshot ps) {
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT OR REPLACE INTO process_snapshots(anomaly_id, taken_ms, processes) VALUES (?,?,?)")) {
                p.setLong(1, ps.anomalyId());
                p.setLong(2, ps.taken().toEpochMilli());
                p.setString(3, ps.json());
                p.executeUpdate();
            }
        }
    }

    private void samples(StoreWrite.Samples s) throws SQLException {
        for (Sample sample : s.samples()) {
            insertSample.setLong(1, seriesId(sample.series(), sample.time().toEpochMilli()));
            insertSample.setLong(2, sample.time().toEpochMilli());
            insertSample.setDouble(3, sample.value());
            insertSample.addBatch();
        }
        insertSample.executeBatch();
    }

    private void rollups(StoreWrite.Rollups r) throws SQLException {
        for (Rollup rollup : r.rollups()) {
            upsertRollup.setLong(1, seriesId(rollup.series(), rollup.minute().toEpochMilli()));
            upsertRollup.setLong(2, rollup.minute().toEpochMilli());
            upsertRollup.setDouble(3, rollup.min());
            upsertRollup.setDouble(4, rollup.max());
            upsertRollup.setDouble(5, rollup.sum());
            upsertRollup.setLong(6, rollup.count());
            setFinite(upsertRollup, 7, rollup.bandLow());
            setFinite(upsertRollup, 8, rollup.bandHigh());
            upsertRollup.addBatch();
        }
        upsertRollup.executeBatch();
    }

    private void baselines(StoreWrite.Baselines b) throws SQLException {
        long now = clock.millis();
        for (Map.Entry<SeriesKey, BaselineState> e : b.states().entrySet()) {
            upsertBaseline.setString(1, e.getKey().text());
            upsertBaseline.setBytes(2, mapper.toBytes(e.getValue()));
            upsertBaseline.setLong(3, now);
            upsertBaseline.addBatch();
        }
        upsertBaseline.executeBatch();
    }

    private void anomaly(Anomaly a) throws SQLException {
        PreparedStatement p = upsertAnomaly;
        p.setLong(1, a.id());
        p.setString(2, a.series().text());
        p.setString(3, a.series().metric());
        p.setString(4, a.detector());
        p.setLong(5, a.start().toEpochMilli());
        setNullableLong(p, 6, a.end() == null ? null : a.end().toEpochMilli());
        p.setDouble(7, a.peakValue());
        p.setLong(8, a.peakTime().toEpochMilli());
        setFinite(p, 9, a.expectedLow());
        setFinite(p, 10, a.expectedHigh());
        p.setDouble(11, a.score());
        p.setDouble(12, a.confidence());
        p.setString(13, a.reason());
        p.executeUpdate();
    }

    private void incident(Incident i) throws SQLException {
        PreparedStatement p = upsertIncident;
        p.setLong(1, i.id());
        p.setLong(2, i.start().toEpochMilli());
        setNullableLong(p, 3, i.end() == null ? null : i.end().toEpochMilli());
        p.setString(4, i.severity().name());
        p.setDouble(5, i.maxScore());
        p.setString(6, i.title());
        p.setString(7, i.anomalyIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.setString(8, String.join("\n", i.series()));
        p.executeUpdate();
    }

    private long seriesId(SeriesKey key, long firstSeen) throws SQLException {
        Long id = seriesIds.get(key);
        if (id != null) {
            return id;
        }
        insertSeries.setString(1, key.text());
        insertSeries.setString(2, key.metric());
        insertSeries.setLong(3, firstSeen);
        insertSeries.executeUpdate();
        selectSeries.setString(1, key.text());
        try (ResultSet rs = selectSeries.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        seriesIds.put(key, id);
        return id;
    }

    private static void setNullableLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, v);
        }
    }

    private static void setFinite(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            p.setDouble(i, v);
        } else {
            p.setNull(i, Types.REAL);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement p : new PreparedStatement[] {insertSeries, selectSeries, insertSample, upsertRollup,
                upsertBaseline, upsertAnomaly, upsertIncident}) {
            p.close();
        }
        changes.close();
    }
}
