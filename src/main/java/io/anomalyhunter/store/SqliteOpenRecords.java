package io.anomalyhunter.store;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what the previous run left open, for the pipeline to resume or close at start. */
public final class SqliteOpenRecords {
    private SqliteOpenRecords() {
    }

    public static OpenRecords load(SqliteDatabase db) {
        SqliteAnomalyQuery anomalies = new SqliteAnomalyQuery(db);
        List<Anomaly> open = anomalies.open();
        List<Incident> incidents = new SqliteIncidentQuery(db).find(new IncidentFilter(null, null, true, 10_000, 0));
        Set<Long> ids = new LinkedHashSet<>();
        incidents.forEach(i -> ids.addAll(i.anomalyIds()));
        Map<Long, Anomaly> members = new HashMap<>();
        anomalies.byIds(ids).forEach(a -> members.put(a.id(), a));
        return new OpenRecords(open, incidents, members, lastSample(db));
    }

    /** The newest sample or rollup stored: when the previous run stopped observing. */
    private static Optional<Instant> lastSample(SqliteDatabase db) {
        return db.read(c -> {
            long last = Long.MIN_VALUE;
            for (String sql : new String[] {"SELECT MAX(ts) FROM samples", "SELECT MAX(ts) + 59999 FROM rollups_1m"}) {
                try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        if (!rs.wasNull()) {
                            last = Math.max(last, v);
                        }
                    }
                }
            }
            return last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
        });
    }
}
