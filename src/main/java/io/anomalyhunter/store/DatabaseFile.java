package io.anomalyhunter.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.sqlite.JDBC;

/**
 * Decides, without changing a byte of it, whether a file may become or stay our database: it must be absent,
 * empty or SQLite; if SQLite, ours (our application_id, or from a version before we set one, our tables) and
 * not damaged; and we must be able to write it and its directory (SQLite puts -wal and -shm beside it).
 * Every refusal names the path and says what to do.
 */
final class DatabaseFile {
    /** "AHUN": set by migration 5 in every database we create or upgrade (PRAGMA application_id). */
    static final int APPLICATION_ID = 0x4148554E;
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 100;

    private DatabaseFile() {
    }

    /** The cheap checks, at every open: a SQLite file (or none yet), ours, writable. */
    static void checkUsable(Path path) {
        if (!Files.exists(path)) {
            checkDirectoryWritable(path);
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new StoreException("storage.path=" + path + " is not a regular file");
        }
        byte[] head = header(path);
        if (head.length == 0) {
            checkWritable(path);
            return; // an empty file is an empty database to SQLite
        }
        if (head.length < HEADER.length || !Arrays.equals(Arrays.copyOf(head, HEADER.length), HEADER)) {
            throw new StoreException("storage.path=" + path + " is not a SQLite database; refusing to use or "
                    + "change it (move it away or point storage.path elsewhere)");
        }
        if (head.length < HEADER_BYTES) {
            throw damaged(path, "its header is cut short (" + head.length + " bytes)");
        }
        int applicationId = ByteBuffer.wrap(head, 68, 4).getInt();
        int userVersion = ByteBuffer.wrap(head, 60, 4).getInt();
        if (applicationId != APPLICATION_ID) {
            if (applicationId != 0) {
                throw foreign(path, "its application_id is 0x" + Integer.toHexString(applicationId));
            }
            checkOursBeforeApplicationId(path, userVersion);
        }
        checkWritable(path);
        checkDirectoryWritable(path);
    }

    /** SQLite's quick_check on a read-only connection: a damaged file is refused and left as it is. */
    static void checkIntact(Path path) {
        if (!Files.exists(path) || size(path) == 0) {
            return;
        }
        String result;
        try (Connection c = readOnly(path); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            result = rs.next() ? rs.getString(1) : "no answer";
        } catch (SQLException e) {
            throw damaged(path, e.getMessage());
        }
        if (!"ok".equals(result)) {
            String first = result.lines().filter(l -> !l.startsWith("*** in database")).findFirst().orElse(result);
            throw damaged(path, "quick_check says: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first));
        }
    }

    /**
     * Databases from before migration 5 carry no application_id: ours has our tables and a schema version we know;
     * an empty one has no tables yet. Anything else belongs to someone else.
     */
    private static void checkOursBeforeApplicationId(Path path, int userVersion) {
        List<String> tables = new ArrayList<>();
        try (Connection c = readOnly(path); Statement s = c.createStatement()) {
            // The header on disk lags what a killed process committed to the write-ahead log (not checkpointed
            // yet): ask SQLite, which reads the log too, before calling the file someone else's.
            try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                if (rs.next() && rs.getInt(1) == APPLICATION_ID) {
                    return;
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                userVersion = rs.next() ? rs.getInt(1) : userVersion;
            }
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw damaged(path, e.getMessage());
        }
        boolean empty = tables.isEmpty() && userVersion == 0;
        boolean oursBefore5 = userVersion >= 1 && userVersion < 5 && tables.containsAll(List.of("series", "samples", "anomalies"));
        if (!empty && !oursBefore5) {
            throw foreign(path, tables.isEmpty() ? "schema version " + userVersion + " but none of our tables"
                    : "it has tables anomaly-hunter did not create (" + String.join(", ", tables.stream().limit(5).toList())
                    + (tables.size() > 5 ? ", …" : "") + ")");
        }
    }

    private static void checkWritable(Path path) {
        checkFileSystemWritable(path);
        if (!Files.isWritable(path)) {
            throw new StoreException("storage.path=" + path + " is not writable by " + user() + " (" + describe(path)
                    + "); give it to that user (chown) or make it writable, or point storage.path elsewhere");
        }
    }

    private static void checkDirectoryWritable(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent(); // the nearest existing one is where the rest would be created
        }
        if (dir != null) {
            checkFileSystemWritable(dir);
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new StoreException("storage.path=" + path + ": its directory " + dir + " is not writable by " + user()
                    + " (" + describe(dir) + "); SQLite creates its journal files beside the database");
        }
    }

    private static void checkFileSystemWritable(Path p) {
        try {
            java.nio.file.FileStore store = Files.getFileStore(p);
            if (store.isReadOnly()) {
                throw new StoreException("storage.path=" + p + " is on a read-only file system (" + store
                        + "); remount it read-write or point storage.path at a writable disk");
            }
        } catch (IOException e) {
            // the permission checks below still apply
        }
    }

    private static StoreException foreign(Path path, String why) {
        return new StoreException("storage.path=" + path + " is another application's SQLite database (" + why
                + "); refusing to use or change it (point storage.path at a new file)");
    }

    private static StoreException damaged(Path path, String why) {
        return new StoreException("storage.path=" + path + " is damaged: " + why + ". It was left as it is. "
                + newestBackup(path).map(b -> "Restore the backup the last upgrade took (" + b + ") by copying it over "
                + "the file, or move the file aside").orElse("Move the file aside")
                + " to start with an empty database (history and baselines are then lost)");
    }

    /** The newest "&lt;db&gt;.before-&lt;version&gt;-&lt;epoch&gt;" copy an upgrade left beside the database. */
    private static java.util.Optional<Path> newestBackup(Path path) {
        Path dir = path.toAbsolutePath().getParent();
        String prefix = path.getFileName() + ".before-";
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .max(java.util.Comparator.comparing(f -> {
                        String name = f.getFileName().toString();
                        String epoch = name.substring(name.lastIndexOf('-') + 1);
                        return epoch.matches("\\d{1,12}") ? Long.parseLong(epoch) : 0L;
                    }));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] header(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new StoreException("storage.path=" + path + ": cannot read (" + describe(path) + "): " + e.getMessage(), e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    static Connection readOnly(Path path) throws SQLException {
        Properties ro = new Properties();
        ro.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return new JDBC().connect("jdbc:sqlite:" + path, ro);
    }

    private static String user() {
        return "user " + System.getProperty("user.name");
    }

    /** "mode rw-r--r--, owner root" for a message; what ls -l would tell the operator. */
    private static String describe(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            return "mode " + PosixFilePermissions.toString(a.permissions()) + ", owner " + a.owner().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "permissions unknown";
        }
    }
}
