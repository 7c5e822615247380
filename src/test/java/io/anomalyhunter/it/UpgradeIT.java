package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * USB upgrades in a throwaway Debian root: install v1 and create data; upgrade to v2, which migrates the
 * schema, with the data intact; upgrade to a deliberately broken v3 that damages the database and never
 * answers /health, which rolls back to v2 with the data intact; a downgrade refused without the flag; and
 * a manual rollback to v1. The versions are the same build relabelled and re-signed; the v1-era database
 * is made by taking the schema back to version 1 (migration 1 never changes once released).
 */
@Tag("slow")
class UpgradeIT {
    /** The schema version this build migrates to (store.Migrations); bump it with each new migration, and undo the
     * migration in {@link #db}'s rewind to v1 (drop its tables), or v2 cannot migrate the rewound file. */
    private static final int LATEST_SCHEMA = 9;
    private static final String SERVICE = """
            #!/bin/sh
            # Stands in for systemctl inside the test root: stop/start the installed daemon by pid file.
            case "$1" in
              stop) if [ -f /run/ah.pid ]; then kill $(cat /run/ah.pid) 2>/dev/null
                      for i in $(seq 100); do kill -0 $(cat /run/ah.pid) 2>/dev/null || break; sleep 0.2; done
                      rm -f /run/ah.pid; fi ;;
              start) ANOMALY_HUNTER_CONFIG=/etc/anomaly-hunter/config.yaml setsid \\
                       /opt/anomaly-hunter/current/bin/anomaly-hunter run >> /var/log/ah.log 2>&1 < /dev/null &
                     echo $! > /run/ah.pid ;;
            esac
            """;
    private static final String BROKEN = """
            #!/bin/sh
            # Deliberately broken release: damages the database and never answers /health.
            [ "$1" = run ] || exit 1
            dd if=/dev/urandom of=/var/lib/anomaly-hunter/anomaly-hunter.db bs=4096 seek=1 count=4 conv=notrunc 2>/dev/null
            exec sleep 600
            """;

    private BundleFixture fixture;
    private Path root;

    private Path relabel(String version, String launcher) throws Exception {
        Path dir = fixture.copy("v" + version + "/anomaly-hunter-" + version);
        if (launcher != null) {
            Files.writeString(dir.resolve("bin/anomaly-hunter"), launcher);
        }
        assertEquals(0, DaemonProcess.cli(fixture.work, "bundle", "sign", dir.toString(), "--key",
                fixture.privateKey.toString(), "--version", version).exit());
        Path tar = root.resolve("root/v" + version + ".tar.gz");
        Shell.Result r = Shell.sh(dir.getParent(), "tar -czf " + tar + " anomaly-hunter-" + version);
        assertEquals(0, r.exit(), r.output());
        return Path.of("/root/v" + version + ".tar.gz");
    }

    private Shell.Result inRoot(String command) throws Exception {
        return Shell.sh(fixture.work, "chroot " + root + " sh -c '" + command + "'");
    }

    private Shell.Result upgrade(Path bundle, String healthTimeout) throws Exception {
        return inRoot("/opt/anomaly-hunter/current/bin/anomaly-hunter upgrade " + bundle
                + " --service-command /usr/local/sbin/ah-service --health-timeout " + healthTimeout);
    }

    private String current() throws Exception {
        return Files.readSymbolicLink(root.resolve("opt/anomaly-hunter/current")).getFileName().toString();
    }

    /** What the database holds: its schema version and the ids of its anomalies. */
    private record DbState(int schema, List<Long> anomalyIds) {
    }

    private DbState db(boolean rewindToV1) throws Exception {
        Path db = root.resolve("var/lib/anomaly-hunter/anomaly-hunter.db");
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new Properties());
             Statement s = c.createStatement()) {
            if (rewindToV1) {
                s.execute("DROP TABLE metadata");
                s.execute("DROP TABLE queue");
                s.execute("ALTER TABLE rollups_1m DROP COLUMN band_low");
                s.execute("ALTER TABLE rollups_1m DROP COLUMN band_high");
                s.execute("DROP TABLE changes");           // migration 6
                s.execute("DROP TABLE process_snapshots"); // migration 7
                s.execute("DROP TABLE models");            // migration 8
                s.execute("DROP TABLE reports");           // migration 9
                s.execute("PRAGMA user_version=1");
            }
            int schema;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                schema = rs.getInt(1);
            }
            List<Long> ids = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM anomalies ORDER BY id")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return new DbState(schema, ids);
        }
    }

    @Test
    void upgradeMigratesRollsBackAFailedReleaseAndRefusesADowngrade() throws Exception {
        String cached = System.getProperty("anomaly-hunter.debian-root", "");
        assumeTrue(!cached.isBlank() && Files.isDirectory(Path.of(cached)),
                "no Debian root given (-Danomaly-hunter.debian-root); packaging/test.sh makes one with debootstrap");
        fixture = BundleFixture.get();
        root = fixture.work.resolve("upgrade-root");
        int port = DaemonProcess.freePort();
        assertEquals(0, Shell.sh(fixture.work, "rm -rf " + root + " && cp -a " + cached + " " + root
                + " && mount --bind /proc " + root + "/proc && mount --bind /dev " + root + "/dev").exit());
        try {
            Path v1 = relabel("1.0.0", null);
            Path v2 = relabel("2.0.0", null);
            Path v3 = relabel("3.0.0", BROKEN);
            assertEquals(0, Shell.sh(fixture.work, "mkdir -p v1x && tar -C v1x -xzf " + root + v1).exit());
            Files.writeString(root.resolve("usr/local/sbin/ah-service"), SERVICE);
            assertEquals(0, Shell.sh(fixture.work, "chmod +x " + root + "/usr/local/sbin/ah-service && mkdir -p "
                    + root + "/root/v1 && tar -C " + root + "/root/v1 -xzf " + root + v1).exit());
            Shell.Result install = inRoot("/root/v1/anomaly-hunter-1.0.0/install.sh --no-start");
            assertEquals(0, install.exit(), install.output());
            Path config = root.resolve("etc/anomaly-hunter/config.yaml");
            Files.writeString(config, Files.readString(config).replace("port: 8080", "port: " + port)
                    .replace("interval: 10s", "interval: 1s")
                    .replace("metrics: []", "metrics:\n  - name: host_processes\n    above: 1"));

            // v1 runs and records data (a pinned anomaly), then stops; its database is made a v1-era one.
            assertEquals(0, inRoot("/usr/local/sbin/ah-service start").exit());
            assertEquals(0, inRoot("/opt/anomaly-hunter/current/bin/anomaly-hunter status --wait 60").exit(),
                    Files.readString(root.resolve("var/log/ah.log")));
            // v1 has recorded its pinned anomaly once the API lists one (host_processes is above 1 from the start).
            CpuBurnerIT.eventually("v1's first anomaly", java.time.Duration.ofSeconds(30), () -> {
                var r = DaemonProcess.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + port + "/api/v1/anomalies")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"id\"") ? true : null;
            });
            assertEquals(0, inRoot("/usr/local/sbin/ah-service stop").exit());
            DbState before = db(true);
            assertEquals(1, before.schema());
            assertTrue(!before.anomalyIds().isEmpty(), "v1 recorded an anomaly");

            Shell.Result toV2 = upgrade(v2, "60s");
            assertEquals(0, toV2.exit(), toV2.output() + Files.readString(root.resolve("var/log/ah.log")));
            assertTrue(toV2.output().contains("database backed up to"), toV2.output());
            assertEquals("2.0.0", current());
            DbState afterV2 = db(false);
            assertEquals(LATEST_SCHEMA, afterV2.schema(), "v2 migrated the schema from version 1 to the latest, " + LATEST_SCHEMA);
            assertTrue(afterV2.anomalyIds().containsAll(before.anomalyIds()), "v1's anomalies kept: " + afterV2);

            Shell.Result toV3 = upgrade(v3, "15s");
            assertEquals(1, toV3.exit(), toV3.output());
            assertTrue(toV3.output().contains("3.0.0 did not become healthy; rolling back to 2.0.0"), toV3.output());
            assertTrue(toV3.output().contains("rolled back to 2.0.0; it is healthy"), toV3.output());
            assertEquals("2.0.0", current());
            DbState afterRollback = db(false);
            assertEquals(LATEST_SCHEMA, afterRollback.schema());
            assertTrue(afterRollback.anomalyIds().containsAll(afterV2.anomalyIds()), "data intact: " + afterRollback);
            try (var s = Files.list(root.resolve("opt/anomaly-hunter/versions"))) {
                assertEquals(List.of("1.0.0", "2.0.0"), s.map(p -> p.getFileName().toString()).sorted().toList());
            }

            Shell.Result down = upgrade(v1, "60s");
            assertEquals(2, down.exit(), down.output());
            assertTrue(down.output().contains("older than the installed 2.0.0; a downgrade needs --allow-downgrade"),
                    down.output());
            assertEquals("2.0.0", current());

            Shell.Result back = inRoot("/opt/anomaly-hunter/current/bin/anomaly-hunter rollback "
                    + "--service-command /usr/local/sbin/ah-service --health-timeout 40s");
            assertEquals(0, back.exit(), back.output());
            assertEquals("1.0.0", current());
        } finally {
            inRoot("/usr/local/sbin/ah-service stop");
            Shell.sh(fixture.work, "umount " + root + "/proc; umount " + root + "/dev; true");
        }
    }
}
