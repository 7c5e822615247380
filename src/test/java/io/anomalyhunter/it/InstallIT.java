package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** install.sh --root into a staging root: every path with its owner and mode; idempotent; --dry-run changes nothing. */
class InstallIT {
    static BundleFixture fixture;

    @BeforeAll
    static void bundle() throws Exception {
        fixture = BundleFixture.get();
    }

    private static String uid(Path root, String user) throws Exception {
        for (String line : Files.readAllLines(root.resolve("etc/passwd"))) {
            String[] f = line.split(":");
            if (f[0].equals(user)) {
                return f[2] + ":" + f[3];
            }
        }
        throw new AssertionError(user + " not in " + root + "/etc/passwd");
    }

    private static String ownerAndMode(Path p) throws Exception {
        int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        String mode = Files.isSymbolicLink(p) ? "link->" + Files.readSymbolicLink(p)
                : PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        return uid + ":" + gid + " " + mode;
    }

    @Test
    void laysOutEveryPathWithItsOwnerAndMode() throws Exception {
        Path root = fixture.stagingRoot("layout");
        Shell.Result r = fixture.install("--root", root.toString());
        assertEquals(0, r.exit(), r.output());
        String svc = uid(root, "anomaly-hunter");
        String svcGroup = svc.split(":")[1];
        String version = Files.readString(fixture.unpacked.resolve("MANIFEST")).lines()
                .filter(l -> l.startsWith("# version=")).findFirst().orElseThrow().substring(10);
        Map<String, String> expected = Map.ofEntries(
                Map.entry("opt/anomaly-hunter/versions/" + version, "0:0 rwxr-xr-x"),
                Map.entry("opt/anomaly-hunter/versions/" + version + "/bin/anomaly-hunter", "0:0 rwxr-xr-x"),
                Map.entry("opt/anomaly-hunter/current", "0:0 link->versions/" + version),
                Map.entry("usr/local/bin/anomaly-hunter", "0:0 link->/opt/anomaly-hunter/current/bin/anomaly-hunter"),
                Map.entry("etc/anomaly-hunter", "0:" + svcGroup + " rwxr-x---"),
                Map.entry("etc/anomaly-hunter/config.yaml", "0:" + svcGroup + " rw-r-----"),
                Map.entry("etc/anomaly-hunter/release.pub", "0:0 rw-r--r--"),
                Map.entry("var/lib/anomaly-hunter", svc + " rwxr-x---"),
                Map.entry("etc/systemd/system/anomaly-hunter.service", "0:0 rw-r--r--"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), ownerAndMode(root.resolve(e.getKey())), e.getKey());
        }
        String config = Files.readString(root.resolve("etc/anomaly-hunter/config.yaml"));
        assertTrue(config.contains("path: /var/lib/anomaly-hunter/anomaly-hunter.db"), config);
        String passwd = Files.readString(root.resolve("etc/passwd"));
        assertTrue(passwd.contains(":/var/lib/anomaly-hunter:/usr/sbin/nologin"), "a system user without a shell: " + passwd);
    }

    @Test
    void isIdempotentAndNeverOverwritesTheConfig() throws Exception {
        Path root = fixture.stagingRoot("again");
        assertEquals(0, fixture.install("--root", root.toString()).exit());
        Path config = root.resolve("etc/anomaly-hunter/config.yaml");
        Files.writeString(config, "http:\n  port: 9999\n");
        Shell.Result again = fixture.install("--root", root.toString());
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already in place"), again.output());
        assertTrue(again.output().contains("keeping the existing /etc/anomaly-hunter/config.yaml"), again.output());
        assertEquals("http:\n  port: 9999\n", Files.readString(config));
        long users = Files.readAllLines(root.resolve("etc/passwd")).stream().filter(l -> l.startsWith("anomaly-hunter:")).count();
        assertEquals(1, users);
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Path root = fixture.stagingRoot("dry");
        List<String> before = Shell.sh(root, "find . | sort").output().lines().toList();
        Shell.Result r = fixture.install("--root", root.toString(), "--dry-run");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("would: useradd"), r.output());
        assertTrue(r.output().contains("would: install -D -m 0644"), r.output());
        assertEquals(before, Shell.sh(root, "find . | sort").output().lines().toList());
    }
}
