package io.anomalyhunter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link ChangeQuery} over the changes table. */
public final class SqliteChangeQuery implements ChangeQuery {
    private final SqliteDatabase db;

    public SqliteChangeQuery(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public List<Entry> find(ChangeFilter f) {
        return db.read(c -> {
            String sql = "SELECT " + ChangeRows.COLUMNS + " FROM changes WHERE ts_ms >= ? AND ts_ms <= ?"
                    + (f.kind() == null ? "" : " AND kind = ?") + (f.subject() == null ? "" : " AND subject = ?")
                    + " ORDER BY ts_ms DESC, id DESC LIMIT ? OFFSET ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                int i = 1;
                p.setLong(i++, f.since() == null ? Long.MIN_VALUE : f.since().toEpochMilli());
                p.setLong(i++, f.until() == null ? Long.MAX_VALUE : f.until().toEpochMilli());
                if (f.kind() != null) {
                    p.setString(i++, f.kind().word());
                }
                if (f.subject() != null) {
                    p.setString(i++, f.subject());
                }
                p.setInt(i++, f.limit());
                p.setInt(i, f.offset());
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(ChangeRows.read(rs));
                    }
                }
                return out;
            }
        });
    }
}
