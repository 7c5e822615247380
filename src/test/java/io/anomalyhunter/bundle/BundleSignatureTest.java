package io.anomalyhunter.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleSignatureTest {
    private static final String[] FILES = {"bin/anomaly-hunter", "lib/app.jar", "systemd/anomaly-hunter.service",
            "install.sh", "docs/operator-guide.md"};

    @TempDir
    Path dir;
    Path bundle;
    KeyPair key;

    @BeforeEach
    void signedBundle() throws Exception {
        bundle = dir.resolve("anomaly-hunter-1.2.3");
        for (String f : FILES) {
            Path p = bundle.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f + "\n".repeat(50));
        }
        key = ReleaseKeys.generate();
        ReleaseKeys.write(key, dir.resolve("release.key"), dir.resolve("release.pub"));
        BundleSignature.sign(bundle, ReleaseKeys.readPrivate(dir.resolve("release.key")),
                Map.of("version", "1.2.3", "kind", "jvm"));
    }

    @Test
    void anIntactBundleVerifiesWithItsHeaders() throws Exception {
        BundleManifest m = BundleSignature.verify(bundle, ReleaseKeys.readPublic(dir.resolve("release.pub")));
        assertEquals(FILES.length, m.sha256ByPath().size());
        assertEquals("jvm", m.headers().get("kind"));
        assertEquals("1.2.3", m.headers().get("version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin/anomaly-hunter", "lib/app.jar", "systemd/anomaly-hunter.service", "install.sh",
            "docs/operator-guide.md"})
    void flippingOneByteInAnyFileIsRefusedNamingTheFile(String file) throws Exception {
        Path p = bundle.resolve(file);
        byte[] b = Files.readAllBytes(p);
        b[b.length / 2] ^= 0x01;
        Files.write(p, b);
        BundleException e = assertThrows(BundleException.class,
                () -> BundleSignature.verify(bundle, key.getPublic()));
        assertEquals(file + ": checksum mismatch (the file was changed)", e.getMessage());
    }

    @Test
    void aChangedManifestOrSignatureIsRefused() throws Exception {
        Path manifest = bundle.resolve(BundleManifest.FILE);
        byte[] b = Files.readAllBytes(manifest);
        b[3] ^= 0x01;
        Files.write(manifest, b);
        BundleException e = assertThrows(BundleException.class, () -> BundleSignature.verify(bundle, key.getPublic()));
        assertTrue(e.getMessage().startsWith("MANIFEST: signature does not match"), e.getMessage());
    }

    @Test
    void aBundleSignedByAnotherKeyIsRefused() {
        BundleException e = assertThrows(BundleException.class,
                () -> BundleSignature.verify(bundle, ReleaseKeys.generate().getPublic()));
        assertTrue(e.getMessage().contains("signature does not match the release key"), e.getMessage());
    }

    @Test
    void addedAndMissingFilesAreRefused() throws Exception {
        Files.writeString(bundle.resolve("bin/extra"), "#!/bin/sh\n");
        Files.delete(bundle.resolve("install.sh"));
        BundleException e = assertThrows(BundleException.class, () -> BundleSignature.verify(bundle, key.getPublic()));
        assertTrue(e.getMessage().contains("install.sh: listed in MANIFEST but missing"), e.getMessage());
        assertTrue(e.getMessage().contains("bin/extra: not listed in MANIFEST (added after signing)"), e.getMessage());
    }

    @Test
    void openSslAndSha256sumAgreeWithOurSignatureAndManifest() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                dir.resolve("release.pub").toString(), "-rawin", "-in", bundle.resolve("MANIFEST").toString(),
                "-sigfile", bundle.resolve("MANIFEST.sig").toString()).redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes());
        assertEquals(0, openssl.waitFor(), out);
        assertTrue(out.contains("Signature Verified Successfully"), out);
        Process sums = new ProcessBuilder("sh", "-c", "grep -v '^#' MANIFEST | sha256sum -c --strict --quiet")
                .directory(bundle.toFile()).redirectErrorStream(true).start();
        String sumOut = new String(sums.getInputStream().readAllBytes());
        assertEquals(0, sums.waitFor(), sumOut);
    }

    @Test
    void keysRoundTripAndBadKeyFilesAreNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pub"), "hello\n");
        BundleException e = assertThrows(BundleException.class, () -> ReleaseKeys.readPublic(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not a PEM public key"), e.getMessage());
        assertEquals(key.getPublic(), ReleaseKeys.readPublic(dir.resolve("release.pub")));
    }
}
