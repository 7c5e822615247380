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
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));
        assertTrue(e.getMessage().contains("newer than this anomaly-hunter understands"), e.getMessage());
    }

    @Test
    void refusesADirectory() {
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(dir));
        assertTrue(e.getMessage().contains("not a regular file"));
    }
}
