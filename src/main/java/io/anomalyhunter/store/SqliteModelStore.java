package io.anomalyhunter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Versions of the models trained on this host, in the database beside what they were trained on. Saving is a
 * small write on the maintenance connection (a model is a few hundred kilobytes, saved once a retraining); only
 * the newest {@link #KEEP} versions of a model are kept.
 */
public final class SqliteModelStore {
    /** Versions kept per model: enough to compare and to go back a few retrainings. */
    public static final int KEEP = 10;
    private final SqliteDatabase db;

    public SqliteModelStore(SqliteDatabase db) {
        this.db = db;
    }

    /** Stores a new version of {@code name} (the next number) and prunes the oldest; returns it as stored. */
    public ModelVersion save(String name, Instant created, String sha256, String metadata, byte[] onnx) {
        return db.maintain(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int version;
                try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE name=?")) {
                    p.setString(1, name);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        version = rs.getInt(1);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO models(name, version, created_ms, sha256, metadata, onnx) VALUES (?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, name);
                    p.setInt(2, version);
                    p.setLong(3, created.toEpochMilli());
                    p.setString(4, sha256);
                    p.setString(5, metadata);
                    p.setBytes(6, onnx);
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM models WHERE name=? AND version<=?")) {
                    p.setString(1, name);
                    p.setInt(2, version - KEEP);
                    p.executeUpdate();
                }
                c.commit();
                return new ModelVersion(name, version, Instant.ofEpochMilli(created.toEpochMilli()), sha256, metadata, onnx);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    /** The newest version of {@code name}, with its bytes. */
    public Optional<ModelVersion> latest(String name) {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT version, created_ms, sha256, metadata, onnx FROM models "
                    + "WHERE name=? ORDER BY version DESC LIMIT 1")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new ModelVersion(name, rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)),
                            rs.getString(3), rs.getString(4), rs.getBytes(5))) : Optional.empty();
                }
            }
        });
    }

    /** Every kept version of {@code name}, newest first, without their bytes. */
    public List<ModelVersion> versions(String name) {
        return db.read(c -> {
            List<ModelVersion> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT version, created_ms, sha256, metadata FROM models "
                    + "WHERE name=? ORDER BY version DESC")) {
                p.setString(1, name);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ModelVersion(name, rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), new byte[0]));
                    }
                }
            }
            return out;
        });
    }
}
