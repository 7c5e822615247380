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

    /**
     * Every stored baseline that can be read. States of another detector version (an upgrade) are learned again,
     * counted in one line; a damaged one is logged by name and learned again.
     */
    public Map<SeriesKey, BaselineState> loadAll() {
        return db.read(c -> {
            Map<SeriesKey, BaselineState> out = new HashMap<>();
            Map<Integer, Integer> otherVersions = new java.util.TreeMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT series_key, state FROM baselines");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    try {
                        out.put(SeriesKey.parse(key), mapper.fromBytes(rs.getBytes(2)));
                    } catch (BaselineStateMapper.UnsupportedVersionException e) {
                        otherVersions.merge(e.version(), 1, Integer::sum);
                    } catch (IllegalArgumentException e) {
                        LOG.warning("baseline for " + key + " is unreadable and will be learned again: " + e.getMessage());
                    }
                }
            }
            otherVersions.forEach((version, n) -> LOG.info(n + " baselines were saved by detector version " + version
                    + " and are learned again by version " + BaselineState.CURRENT_VERSION));
            return out;
        });
    }
}
