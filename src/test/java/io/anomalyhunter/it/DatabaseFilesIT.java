package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon given a database it must not use: another application's SQLite file, a damaged one, one on
 * a read-only disk. Each time {@code run} exits 2 with a line that names the file and says what to do, and the
 * file is left byte for byte as it was.
 */
class DatabaseFilesIT {
    @TempDir
    Path dir;

    private DaemonProcess.Result run(Path db) throws Exception {
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
        Files.writeString(config, Files.readString(config).replace(dir.resolve("ah.db").toString(), db.toString()));
        return DaemonProcess.cli(dir, "run", "--config", config.toString());
    }

    private static void assertRefused(DaemonProcess.Result r, String expected) {
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains(expected), r.output());
        assertFalse(r.output().contains("\tat ") || r.output().contains("Exception"), "no stack trace:\n" + r.output());
    }

    @Test
    void aForeignOrDamagedDatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path foreign = dir.resolve("contacts.db");
        Shell.Result made = Shell.sh(dir, "sqlite3 " + foreign + " 'CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES (1)'");
        assertEquals(0, made.exit(), "sqlite3 (packaging/test.sh installs it): " + made.output());
        byte[] before = Files.readAllBytes(foreign);
        assertRefused(run(foreign), "storage.path=" + foreign + " is another application's SQLite database");
        assertArrayEquals(before, Files.readAllBytes(foreign));

        // A database of ours with history, then damaged in the middle, as a failing disk leaves it.
        Path ours = dir.resolve("ah.db");
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
        DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
        try {
            d.awaitHealthy(Duration.ofSeconds(30));
            Thread.sleep(3000);
            assertEquals(0, d.stop());
        } finally {
            d.close();
        }
        Files.copy(ours, dir.resolve("ah.db.before-0.1.0-1700000000"));
        byte[] bytes = Files.readAllBytes(ours);
        assertTrue(bytes.length > 8 * 4096, "a database of " + bytes.length + " bytes");
        for (int i = 2 * 4096; i < bytes.length - 4096; i += 3 * 4096) {
            java.util.Arrays.fill(bytes, i, i + 4096, (byte) 0x5a);
        }
        Files.write(ours, bytes);
        long t0 = System.nanoTime();
        DaemonProcess.Result r = run(ours);
        assertRefused(r, "storage.path=" + ours + " is damaged: ");
        assertTrue(r.output().contains("Restore the backup the last upgrade took (" + dir.resolve("ah.db.before-0.1.0-1700000000")),
                r.output());
        assertArrayEquals(bytes, Files.readAllBytes(ours), "left byte-identical");
        System.out.println("[DatabaseFilesIT] damaged database refused in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                + r.output().strip());
    }

    /**
     * A database the service user may not write (root made it, mode 0444): the daemon, run as nobody, refuses it
     * naming the user and the mode, and leaves it as it was. SqliteDatabaseTest checks the same for a non-root
     * developer; root writes any file, so under CI only this test, which drops to nobody, can see it.
     */
    @Test
    void aDatabaseTheServiceUserCannotWriteIsNamedWithItsMode() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dropping to nobody needs root (CI runs as root)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path db = dir.resolve("root-only.db");
        io.anomalyhunter.store.SqliteDatabase.open(db).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(db);
        int port = DaemonProcess.freePort();
        Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
        Files.writeString(config, Files.readString(config).replace(dir.resolve("ah.db").toString(), db.toString()));
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        cmd.addAll(DaemonProcess.command("run", "--config", config.toString()));
        DaemonProcess.Result r = DaemonProcess.run(dir, cmd);
        assertRefused(r, "storage.path=" + db + " is not writable by user");
        assertTrue(r.output().contains("mode r--r--r--"), r.output());
        assertArrayEquals(before, Files.readAllBytes(db), "left byte-identical");
    }

    @Test
    void aDatabaseOnAReadOnlyDiskIsNamedAsSuch() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root (CI runs as root)");
        Path disk = dir.resolve("ro");
        Files.createDirectories(disk);
        assertEquals(0, Shell.sh(dir, "mount -t tmpfs -o size=4m tmpfs " + disk).exit());
        try {
            Path db = disk.resolve("ah.db");
            int port = DaemonProcess.freePort();
            Path config = DaemonProcess.writeConfig(dir, port, "interval: 1s");
            Files.writeString(config, Files.readString(config).replace(dir.resolve("ah.db").toString(), db.toString()));
            assertEquals(0, DaemonProcess.cli(dir, "check-config", config.toString()).exit());
            DaemonProcess d = DaemonProcess.start(dir, port, "run", "--config", config.toString());
            try {
                d.awaitHealthy(Duration.ofSeconds(30));
                assertEquals(0, d.stop());
            } finally {
                d.close();
            }
            assertEquals(0, Shell.sh(dir, "mount -o remount,ro " + disk).exit());
            assertRefused(run(db), "storage.path=" + db + " is on a read-only file system");
        } finally {
            Shell.sh(dir, "umount " + disk);
        }
    }
}
