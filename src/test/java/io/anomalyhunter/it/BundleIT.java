package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The offline bundle as offline-bundle/build-bundle.sh makes it (JVM kind, from target/quarkus-app): signed,
 * verified by `bundle verify` and by install.sh, refused when tampered with or signed by another key, and
 * laid out by install.sh --root with the right owners and modes.
 */
class BundleIT {
    static BundleFixture fixture;
    static Path work;
    static Path tarball;
    static Path unpacked;
    static Path publicKey;

    @BeforeAll
    static void buildBundle() throws Exception {
        fixture = BundleFixture.get();
        work = fixture.work;
        tarball = fixture.tarball;
        unpacked = fixture.unpacked;
        publicKey = fixture.publicKey;
    }

    @Test
    void theBundleVerifiesAndSaysItsKind() throws Exception {
        DaemonProcess.Result r = DaemonProcess.cli(work, "bundle", "verify", tarball.toString(), "--key", publicKey.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("kind jvm"), r.output());
        for (String f : List.of("bin/anomaly-hunter", "lib/runtime/bin/java", "lib/app/quarkus-run.jar",
                "lib/native/libsqlitejdbc.so", "lib/native/libjnidispatch.so", "systemd/anomaly-hunter.service",
                "config.yaml.example", "install.sh", "uninstall.sh", "docs/operator-guide.md", "MANIFEST",
                "MANIFEST.sig", "release.pub", "models/README.md")) {
            assertTrue(Files.exists(unpacked.resolve(f)), "bundle has " + f);
        }
        Shell.Result version = Shell.run(work, List.of(unpacked.resolve("bin/anomaly-hunter").toString(), "--version"));
        assertEquals(0, version.exit(), version.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin/anomaly-hunter", "lib/app/quarkus-run.jar", "lib/native/libsqlitejdbc.so",
            "systemd/anomaly-hunter.service", "install.sh", "docs/operator-guide.md", "release.pub"})
    void oneFlippedByteIsRefusedByVerifyAndByInstallNamingTheFile(String file) throws Exception {
        Path b = fixture.copy("tampered");
        Path f = b.resolve(file);
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(f, bytes);
        DaemonProcess.Result verify = DaemonProcess.cli(work, "bundle", "verify", b.toString(), "--key", publicKey.toString());
        assertEquals(2, verify.exit(), verify.output());
        assertTrue(verify.output().contains(file + ": checksum mismatch"), verify.output());
        // The pristine installer against the tampered bundle: a tampered installer proves nothing.
        Path root = fixture.stagingRoot("root-tampered");
        Shell.Result install = Shell.run(work, List.of("bash", unpacked.resolve("install.sh").toString(), "--bundle",
                b.toString(), "--root", root.toString()));
        assertEquals(2, install.exit(), install.output());
        assertTrue(install.output().contains(file), "install.sh names " + file + ": " + install.output());
        assertTrue(Files.notExists(root.resolve("opt/anomaly-hunter")), "nothing installed");
    }

    @Test
    void aBundleSignedByAnotherKeyIsRefused() throws Exception {
        Path b = fixture.copy("other-key");
        assertEquals(0, DaemonProcess.cli(work, "bundle", "keygen", "--private", work.resolve("o.key").toString(),
                "--public", work.resolve("o.pub").toString()).exit());
        assertEquals(0, DaemonProcess.cli(work, "bundle", "sign", b.toString(), "--key", work.resolve("o.key").toString()).exit());
        DaemonProcess.Result verify = DaemonProcess.cli(work, "bundle", "verify", b.toString(), "--key", publicKey.toString());
        assertEquals(2, verify.exit(), verify.output());
        assertTrue(verify.output().contains("signature does not match the release key"), verify.output());
        Path root = fixture.stagingRoot("root-other-key");
        Files.createDirectories(root.resolve("etc/anomaly-hunter"));
        Files.copy(publicKey, root.resolve("etc/anomaly-hunter/release.pub"));
        Shell.Result install = Shell.run(work, List.of("bash", b.resolve("install.sh").toString(), "--root", root.toString()));
        assertEquals(2, install.exit(), install.output());
        assertTrue(install.output().contains("MANIFEST signature does not verify"), install.output());
    }

    @Test
    void missingPrerequisitesAreNamed() throws Exception {
        Path root = work.resolve("bare-root");
        Files.createDirectories(root.resolve("etc"));
        Shell.Result r = Shell.run(work, List.of("bash", unpacked.resolve("install.sh").toString(), "--root", root.toString()));
        assertEquals(2, r.exit(), r.output());
        for (String what : List.of("systemd (systemctl not found)", "glibc (libc.so.6 not found)", "libpcap")) {
            assertTrue(r.output().contains(what), what + " in: " + r.output());
        }
    }
}
