package io.anomalyhunter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The changes table: rows in, changes out (details as a JSON object of strings). */
final class ChangeRows implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS = "id, ts_ms, kind, subject, summary, details, source";
    private final PreparedStatement insert;

    ChangeRows(Connection c) throws SQLException {
        insert = c.prepareStatement("INSERT INTO changes(ts_ms, kind, subject, summary, details, source) VALUES (?,?,?,?,?,?)");
    }

    void insert(List<Change> changes) throws SQLException {
        for (Change ch : changes) {
            insert.setLong(1, ch.time().toEpochMilli());
            insert.setString(2, ch.kind().word());
            insert.setString(3, ch.subject());
            insert.setString(4, ch.summary());
            insert.setString(5, json(ch.details()));
            insert.setString(6, ch.source());
            insert.addBatch();
        }
        insert.executeBatch();
    }

    static ChangeQuery.Entry read(ResultSet rs) throws SQLException {
        Map<String, String> details;
        try {
            details = JSON.readValue(rs.getString(6), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            details = Map.of("unreadable_details", rs.getString(6)); // written by us, so only a damaged file gets here
        }
        ChangeKind kind;
        try {
            kind = ChangeKind.ofWord(rs.getString(3));
        } catch (IllegalArgumentException e) {
            kind = ChangeKind.CONFIG; // not expected: the kinds we write are the kinds we read
        }
        return new ChangeQuery.Entry(rs.getLong(1), new Change(Instant.ofEpochMilli(rs.getLong(2)), kind, rs.getString(4),
                rs.getString(5), details, rs.getString(7)));
    }

    private static String json(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
