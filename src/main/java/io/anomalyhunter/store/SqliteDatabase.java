package io.anomalyhunter.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.sqlite.JDBC;

/**
 * The SQLite file: checks it is one, applies migrations, and hands out connections (WAL mode, so the
 * one writer and the readers do not block each other). A file that is not a SQLite database, or one
 * from a newer version, is refused and left untouched.
 */
public final class SqliteDatabase implements AutoCloseable {
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final Connection reader;
    private final QueueSignal queueSignal = new QueueSignal();

    private SqliteDatabase(Path path, Connection reader) {
        this.path = path;
        this.reader = reader;
    }

    /** Opens (creating if absent) and migrates the database at {@code path}. */
    public static SqliteDatabase open(Path path) {
        checkIsSqliteOrAbsent(path);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("storage.path=" + path + ": cannot create its directory: " + e.getMessage(), e);
        }
        Connection c = connect(path);
        try {
            migrate(path, c);
            return new SqliteDatabase(path, c);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Signalled after every commit that enqueued messages in this process. */
    public QueueSignal queueSignal() {
        return queueSignal;
    }

    /** A new connection for the writer thread, owned and closed by the caller. */
    Connection openWriter() {
        return connect(path);
    }

    /** Runs a read on the shared reader connection (serialised; reads are short). */
    synchronized <T> T read(SqlFunction<T> query) {
        try {
            return query.apply(reader);
        } catch (SQLException e) {
            throw new StoreException("reading " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return read(SqliteDatabase::userVersion);
    }

    /** Records which version last opened the file for writing (kept across upgrades and rollbacks). */
    public void recordWriter(String version) {
        read(c -> {
            try (var p = c.prepareStatement("INSERT OR REPLACE INTO metadata(key, value) VALUES ('last_version', ?)")) {
                p.setString(1, version);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Copies the database to {@code target} with SQLite's online backup, consistent even while the daemon
     * writes. The target must not exist.
     */
    public static void backup(Path db, Path target) {
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " exists; not overwriting");
        }
        checkIsSqliteOrAbsent(db);
        try (Connection c = new JDBC().connect("jdbc:sqlite:" + db, new Properties());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.executeUpdate("backup to " + target);
        } catch (SQLException e) {
            throw new StoreException("backing up " + db + " to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Looks at a database without changing it (read-only, no migration): schema version and quick_check.
     *
     * @throws StoreException naming the file when it is not a usable database of a version this build reads
     */
    public static String inspect(Path path) {
        checkIsSqliteOrAbsent(path);
        Properties ro = new Properties();
        ro.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        try (Connection c = new JDBC().connect("jdbc:sqlite:" + path, ro); Statement s = c.createStatement()) {
            int version = userVersion(c);
            if (version > Migrations.latestVersion()) {
                throw new StoreException(path + " has schema version " + version + ", newer than this build reads ("
                        + Migrations.latestVersion() + ")");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String check = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(check)) {
                    throw new StoreException(path + " fails quick_check: " + check);
                }
            }
            return "schema v" + version + (version < Migrations.latestVersion() ? " (migrates to v"
                    + Migrations.latestVersion() + " at start)" : "") + ", quick_check ok";
        } catch (SQLException e) {
            throw new StoreException(path + ": " + e.getMessage(), e);
        }
    }

    /** Runs SQLite's quick_check; "ok" when the file is healthy. */
    public String quickCheck() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly(reader);
    }

    /** A query against a connection. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    static void checkIsSqliteOrAbsent(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new StoreException("storage.path=" + path + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(HEADER.length);
            if (head.length == 0) {
                return; // an empty file is an empty database to SQLite
            }
            if (!Arrays.equals(head, HEADER)) {
                throw new StoreException("storage.path=" + path + " is not a SQLite database; refusing to use or "
                        + "change it (move it away or point storage.path elsewhere)");
            }
        } catch (IOException e) {
            throw new StoreException("storage.path=" + path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path path) {
        try {
            // The driver directly, not DriverManager: a Quarkus restart in the same JVM (tests, dev mode)
            // deregisters drivers, and a service must not depend on that global registry anyway.
            Connection c = new JDBC().connect("jdbc:sqlite:" + path, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            return c;
        } catch (SQLException e) {
            throw new StoreException("storage.path=" + path + ": cannot open database: " + e.getMessage(), e);
        }
    }

    private static void migrate(Path path, Connection c) {
        try {
            int version = userVersion(c);
            int latest = Migrations.latestVersion();
            if (version > latest) {
                throw new StoreException("storage.path=" + path + " has schema version " + version
                        + ", newer than this anomaly-hunter understands (" + latest + "); run the newer version or "
                        + "restore a backup");
            }
            for (int v = version; v < latest; v++) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : Migrations.STEPS.get(v).split(";")) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                    s.execute("PRAGMA user_version=" + (v + 1));
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("storage.path=" + path + ": migrating the schema failed: " + e.getMessage(), e);
        }
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing on the way out; nothing left to protect
        }
    }
}
