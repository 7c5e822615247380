package io.anomalyhunter.upgrade;

import io.anomalyhunter.store.SqliteDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Upgrades an installation from a verified, unpacked bundle: back up the database (online), stage the
 * version, stop, switch "current", start (the new version migrates the database as it starts), wait for
 * health; if health fails, put the previous version and the database backup back. Keeps the current and
 * the previous version. Every step is reported through {@code log}.
 */
public final class Upgrader {
    private final InstallLayout layout;
    private final ServiceControl service;
    private final HealthProbe health;
    private final Duration healthTimeout;
    private final Consumer<String> log;
    private final InstantSource clock;

    public Upgrader(InstallLayout layout, ServiceControl service, HealthProbe health, Duration healthTimeout,
                    Consumer<String> log, InstantSource clock) {
        this.layout = layout;
        this.clock = clock;
        this.service = service;
        this.health = health;
        this.healthTimeout = healthTimeout;
        this.log = log;
    }

    /** What happened. */
    public record Outcome(String from, String to, boolean healthy) {
    }

    /**
     * @param db the database file as seen from here (may not exist yet)
     * @throws UpgradeException when refused before anything changed
     */
    public Outcome upgrade(Path bundle, String to, Path db, boolean allowDowngrade)
            throws UpgradeException, IOException, InterruptedException {
        String from = layout.currentVersion().orElseThrow(() ->
                new UpgradeException("nothing is installed under " + layout.root() + " (no " + layout.current() + ")"));
        int order = VersionOrder.INSTANCE.compare(to, from);
        if (order == 0) {
            throw new UpgradeException("version " + to + " is already installed");
        }
        if (order < 0 && !allowDowngrade) {
            throw new UpgradeException("version " + to + " is older than the installed " + from
                    + "; a downgrade needs --allow-downgrade (and a database the older version can read)");
        }
        log.accept((order < 0 ? "downgrade " : "upgrade ") + from + " -> " + to);
        Path backup = null;
        if (Files.exists(db)) {
            backup = db.resolveSibling(db.getFileName() + ".before-" + to + "-" + clock.instant().getEpochSecond());
            SqliteDatabase.backup(db, backup);
            log.accept("database backed up to " + backup);
        }
        Path staged = layout.versions().resolve(to);
        deleteTree(staged);
        copyTree(bundle, layout.versions().resolve(to + ".tmp"));
        Files.move(layout.versions().resolve(to + ".tmp"), staged, StandardCopyOption.ATOMIC_MOVE);
        log.accept("staged " + staged);
        service.stop();
        log.accept("service stopped");
        layout.switchTo(to);
        log.accept("current -> " + to);
        service.start();
        log.accept("service started; " + to + " migrates the database as it starts; waiting up to "
                + healthTimeout.toSeconds() + " s for health");
        if (health.awaitHealthy(healthTimeout)) {
            log.accept(to + " is healthy");
            writeRollbackRecord(from, backup);
            prune(to, from);
            return new Outcome(from, to, true);
        }
        log.accept(to + " did not become healthy; rolling back to " + from);
        boolean back = restore(from, backup, db);
        deleteTree(staged);
        log.accept(back ? "rolled back to " + from + "; it is healthy" : "rolled back to " + from + " but it is NOT healthy");
        return new Outcome(from, to, false);
    }

    /** Goes back to the version before the last upgrade, with the database as it was before it. */
    public Outcome rollback(Path db) throws UpgradeException, IOException, InterruptedException {
        Properties record = new Properties();
        if (!Files.isRegularFile(layout.rollbackRecord())) {
            throw new UpgradeException("nothing to roll back to (no " + layout.rollbackRecord() + ")");
        }
        try (InputStream in = Files.newInputStream(layout.rollbackRecord())) {
            record.load(in);
        }
        String previous = record.getProperty("previous");
        String backup = record.getProperty("backup", "");
        String current = layout.currentVersion().orElse("?");
        if (previous == null || !Files.isDirectory(layout.versions().resolve(previous))) {
            throw new UpgradeException("the previous version " + previous + " is no longer under " + layout.versions());
        }
        log.accept("rollback " + current + " -> " + previous);
        boolean ok = restore(previous, backup.isEmpty() ? null : Path.of(backup), db);
        Files.deleteIfExists(layout.rollbackRecord());
        log.accept(ok ? previous + " is healthy" : previous + " did NOT become healthy");
        return new Outcome(current, previous, ok);
    }

    private boolean restore(String version, Path backup, Path db) throws IOException, InterruptedException {
        service.stop();
        log.accept("service stopped");
        layout.switchTo(version);
        log.accept("current -> " + version);
        if (backup != null) {
            restoreDatabase(backup, db);
            log.accept("database restored from " + backup);
        }
        service.start();
        log.accept("service started; waiting up to " + healthTimeout.toSeconds() + " s for health");
        return health.awaitHealthy(healthTimeout);
    }

    /** Puts the backup in place of the database, keeping the file's owner and mode; stale WAL files go. */
    private static void restoreDatabase(Path backup, Path db) throws IOException {
        PosixFileAttributes attrs = Files.exists(db)
                ? Files.readAttributes(db, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS) : null;
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-wal"));
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
        Files.copy(backup, db, StandardCopyOption.REPLACE_EXISTING);
        if (attrs != null) {
            PosixFileAttributeView view = Files.getFileAttributeView(db, PosixFileAttributeView.class);
            view.setOwner(attrs.owner());
            view.setGroup(attrs.group());
            view.setPermissions(attrs.permissions());
        }
    }

    private void writeRollbackRecord(String previous, Path backup) throws IOException {
        Properties p = new Properties();
        p.setProperty("previous", previous);
        p.setProperty("backup", backup == null ? "" : backup.toString());
        try (OutputStream out = Files.newOutputStream(layout.rollbackRecord())) {
            p.store(out, "written by anomaly-hunter upgrade; used by anomaly-hunter rollback");
        }
    }

    /** Keeps the current and the previous version; older ones go. */
    private void prune(String current, String previous) throws IOException {
        try (Stream<Path> s = Files.list(layout.versions())) {
            for (Path v : s.toList()) {
                String name = v.getFileName().toString();
                if (!name.equals(current) && !name.equals(previous)) {
                    deleteTree(v);
                    log.accept("removed old version " + name);
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        deleteTree(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
