package io.anomalyhunter.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createsAndMigratesANewDatabaseInWalMode() throws Exception {
        Path file = dir.resolve("sub/dir/ah.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
            assertEquals("ok", db.quickCheck());
            assertEquals("wal", db.read(c -> {
                try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }));
        }
        try (SqliteDatabase again = SqliteDatabase.open(file)) {
            assertEquals(Migrations.latestVersion(), again.schemaVersion(), "reopening does not migrate twice");
        }
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws Exception {
        Path file = dir.resolve("notes.db");
        byte[] content = "these are my notes, not a database\n".repeat(100).getBytes();
        Files.write(file, content);
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));
        assertTrue(e.getMessage().contains("storage.path=" + file + " is not a SQLite database"), e.getMessage());
        assertArrayEquals(content, Files.readAllBytes(file));
        assertTrue(Files.notExists(dir.resolve("notes.db-wal")));
    }

    @Test
    void refusesADatabaseFromANewerVersion() throws Exception {
        Path file = dir.resolve("future.db");
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=" + (Migrations.latestVersion() + 5));
            s.execute("PRAGMA application_id=" + DatabaseFile.APPLICATION_ID);
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));
        assertTrue(e.getMessage().contains("newer than this anomaly-hunter understands"), e.getMessage());
    }

    @Test
    void refusesADirectory() {
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(dir));
        assertTrue(e.getMessage().contains("not a regular file"));
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void refusesAnotherApplicationsDatabaseAndLeavesItByteIdentical() throws Exception {
        Path other = dir.resolve("other.db");
        sql(other, "CREATE TABLE contacts(name TEXT)", "INSERT INTO contacts VALUES ('ann')");
        Path tagged = dir.resolve("tagged.db");
        sql(tagged, "PRAGMA application_id=1234", "CREATE TABLE t(x)");
        for (Path f : java.util.List.of(other, tagged)) {
            byte[] before = Files.readAllBytes(f);
            StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(f));
            assertTrue(e.getMessage().contains("storage.path=" + f + " is another application's SQLite database"),
                    e.getMessage());
            assertThrows(StoreException.class, () -> SqliteDatabase.verify(f));
            assertArrayEquals(before, Files.readAllBytes(f), "left byte-identical");
            assertTrue(Files.notExists(Path.of(f + "-wal")), "no journal created beside it");
        }
    }

    @Test
    void marksItsOwnFilesAndKeepsOpeningOnesFromBeforeTheMark() throws Exception {
        Path file = dir.resolve("ah.db");
        SqliteDatabase.open(file).close();
        try (Connection c = DatabaseFile.readOnly(file); Statement s = c.createStatement();
             var rs = s.executeQuery("PRAGMA application_id")) {
            assertEquals(DatabaseFile.APPLICATION_ID, rs.next() ? rs.getInt(1) : 0);
        }
        Path legacy = dir.resolve("v4.db");
        sql(legacy, "CREATE TABLE series(id INTEGER PRIMARY KEY)", "CREATE TABLE samples(x)", "CREATE TABLE anomalies(x)",
                "PRAGMA user_version=4");
        SqliteDatabase.verify(legacy);
    }

    @Test
    void refusesADamagedDatabaseWithAdviceAndLeavesItByteIdentical() throws Exception {
        Path file = dir.resolve("ah.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            SqliteWriter w = new SqliteWriter(db, 1000);
            java.util.List<io.anomalyhunter.series.Sample> samples = new java.util.ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                samples.add(new io.anomalyhunter.series.Sample(io.anomalyhunter.series.SeriesKey.of("m" + (i % 50)),
                        java.time.Instant.ofEpochSecond(1_700_000_000L + i), i));
            }
            w.submit(new StoreWrite.Samples(samples));
            w.flush();
            w.close();
        }
        Files.copy(file, dir.resolve("ah.db.before-0.2.0-1700000000"));
        byte[] bytes = Files.readAllBytes(file);
        java.util.Random r = new java.util.Random(7);
        for (int page = 3; page * 4096 < bytes.length; page += 2) {
            for (int i = 0; i < 4096; i++) {
                bytes[page * 4096 + i] = (byte) r.nextInt();
            }
        }
        Files.write(file, bytes);
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.verify(file));
        assertTrue(e.getMessage().startsWith("storage.path=" + file + " is damaged: "), e.getMessage());
        assertTrue(e.getMessage().contains("Restore the backup the last upgrade took (" + dir.resolve("ah.db.before-0.2.0-1700000000")),
                e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "left byte-identical");
    }

    @Test
    void aDatabaseThisUserCannotWriteIsNamedWithItsMode() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may write any file; the container CI runs as root, so this runs only for other users");
        Path file = dir.resolve("ro.db");
        SqliteDatabase.open(file).close();
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));
        assertTrue(e.getMessage().contains("is not writable by user") && e.getMessage().contains("mode r--r--r--"),
                e.getMessage());
    }
}
