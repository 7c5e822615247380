package io.anomalyhunter.store;

import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import io.anomalyhunter.series.SeriesKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/** Loads the persisted baselines at start (they are saved through the writer). */
public final class SqliteBaselineStore {
    private static final Logger LOG = Logger.getLogger(SqliteBaselineStore.class.getName());
    private final SqliteDatabase db;
    private final BaselineStateMapper mapper = new BaselineStateMapper();

    public SqliteBaselineStore(SqliteDatabase db) {
        this.db = db;
    }

    /** Every stored baseline that can be read; unreadable ones are logged once each and relearned. */
    public Map<SeriesKey, BaselineState> loadAll() {
        return db.read(c -> {
            Map<SeriesKey, BaselineState> out = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT series_key, state FROM baselines");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    try {
                        out.put(SeriesKey.parse(key), mapper.fromBytes(rs.getBytes(2)));
                    } catch (IllegalArgumentException e) {
                        LOG.warning("baseline for " + key + " is unreadable and will be learned again: " + e.getMessage());
                    }
                }
            }
            return out;
        });
    }
}
