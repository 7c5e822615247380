package io.anomalyhunter.store;

import io.anomalyhunter.queue.QueueSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.JDBC;

/**
 * The SQLite file: checks it is one, applies migrations, and hands out connections (WAL mode, so the
 * one writer and the readers do not block each other). A file that is not a SQLite database, or one
 * from a newer version, is refused and left untouched.
 */
public final class SqliteDatabase implements DatabaseProbe, AutoCloseable {

    /** Readers: enough that a few clients scanning long ranges do not queue everyone else behind them. */
    static final int READERS = 4;
    private static final long READER_WAIT_SECONDS = 30;

    private final Path path;
    /** Small writes outside the writer thread (retention, bookkeeping), one at a time. */
    private final Connection maintenance;
    /** For /health: answers even while every reader is busy. */
    private final Connection probe;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final QueueSignal queueSignal = new QueueSignal();

    private SqliteDatabase(Path path, Connection maintenance) {
        this.path = path;
        this.maintenance = maintenance;
        this.probe = connect(path);
        try {
            for (int i = 0; i < READERS; i++) {
                readers.add(connect(path));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Checks the file as {@link #open} does and also that it is intact (SQLite's quick_check, which reads the whole
     * file once): what {@code run} does before it starts anything, so a damaged database is refused with advice.
     */
    public static void verify(Path path) {
        DatabaseFile.checkUsable(path);
        DatabaseFile.checkIntact(path);
    }

    /** Opens (creating if absent) and migrates the database at {@code path}. */
    public static SqliteDatabase open(Path path) {
        DatabaseFile.checkUsable(path);
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

    /** Runs a read on one of the reader connections, waiting for one to be free. */
    <T> T read(SqlFunction<T> query) {
        Connection c;
        try {
            c = readers.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to read " + path);
        }
        if (c == null) {
            throw new StoreException("all " + READERS + " readers of " + path + " were busy for " + READER_WAIT_SECONDS
                    + " s");
        }
        try {
            return query.apply(c);
        } catch (SQLException e) {
            throw new StoreException("reading " + path + " failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** Runs a small write (or a batch of them) on the maintenance connection, one caller at a time. */
    synchronized <T> T maintain(SqlFunction<T> work) {
        try {
            return work.apply(maintenance);
        } catch (SQLException e) {
            throw new StoreException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** The schema version of the open database, read on a connection of its own (see {@link #probe}). */
    @Override
    public int schemaVersion() {
        synchronized (probe) {
            try {
                return userVersion(probe);
            } catch (SQLException e) {
                throw new StoreException("reading " + path + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Records which version last opened the file for writing (kept across upgrades and rollbacks). */
    public void recordWriter(String version) {
        maintain(c -> {
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
        DatabaseFile.checkUsable(db);
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
        DatabaseFile.checkUsable(path);
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
        return maintain(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                return rs.next() ? rs.getString(1) : "no answer";
            }
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly(maintenance);
        synchronized (probe) {
            closeQuietly(probe);
        }
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
    }

    /** A query against a connection. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    private static Connection connect(Path path) {
        try {
            // The driver directly, not DriverManager: a Quarkus restart in the same JVM (tests, dev mode)
            // deregisters drivers, and a service must not depend on that global registry anyway.
            // IMMEDIATE: a transaction takes the write lock when it begins, waiting (busy_timeout) for it, instead of
            // failing with SQLITE_BUSY_SNAPSHOT when another connection committed between its first read and write.
            Properties p = new Properties();
            p.setProperty("transaction_mode", "IMMEDIATE");
            Connection c = new JDBC().connect("jdbc:sqlite:" + path, p);
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
