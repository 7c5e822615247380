package io.anomalyhunter.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Signs a bundle directory (writes MANIFEST and MANIFEST.sig, a raw 64-byte Ed25519 signature of MANIFEST)
 * and verifies one: the signature first, then every listed file's checksum, then that no file is there
 * that the manifest does not list.
 */
public final class BundleSignature {
    private BundleSignature() {
    }

    public static BundleManifest sign(Path dir, PrivateKey key, Map<String, String> headers)
            throws IOException, BundleException {
        BundleManifest manifest = BundleManifest.of(dir, headers);
        byte[] text = manifest.render().getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(BundleManifest.FILE), text);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(text);
            Files.write(dir.resolve(BundleManifest.SIGNATURE), s.sign());
        } catch (GeneralSecurityException e) {
            throw new BundleException("signing " + dir + " failed: " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Returns the verified manifest.
     *
     * @throws BundleException naming the first file that fails, or the signature
     */
    public static BundleManifest verify(Path dir, PublicKey key) throws IOException, BundleException {
        Path manifestFile = dir.resolve(BundleManifest.FILE);
        Path sigFile = dir.resolve(BundleManifest.SIGNATURE);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(sigFile)) {
            throw new BundleException(dir + ": not a signed bundle (" + BundleManifest.FILE + " or "
                    + BundleManifest.SIGNATURE + " missing)");
        }
        byte[] text = Files.readAllBytes(manifestFile);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(text);
            if (!s.verify(Files.readAllBytes(sigFile))) {
                throw new BundleException(BundleManifest.FILE + ": signature does not match the release key "
                        + "(signed by another key, or MANIFEST was changed)");
            }
        } catch (GeneralSecurityException e) {
            throw new BundleException(BundleManifest.SIGNATURE + ": not a valid signature: " + e.getMessage(), e);
        }
        BundleManifest manifest = BundleManifest.parse(new String(text, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : manifest.sha256ByPath().entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                problems.add(e.getKey() + ": listed in MANIFEST but missing");
            } else if (!BundleManifest.sha256(f).equals(e.getValue())) {
                problems.add(e.getKey() + ": checksum mismatch (the file was changed)");
            }
        }
        for (String rel : BundleManifest.files(dir)) {
            if (!manifest.sha256ByPath().containsKey(rel)) {
                problems.add(rel + ": not listed in MANIFEST (added after signing)");
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleException(String.join("\n", problems));
        }
        return manifest;
    }
}
