package io.anomalyhunter.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 release keys in PEM (PKCS#8 private, X.509 public): the same files OpenSSL reads, so install.sh
 * can check a bundle with {@code openssl pkeyutl} before it trusts any binary in it.
 */
public final class ReleaseKeys {
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private ReleaseKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
        Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()));
        Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the operator keeps the key safe by other means
        }
    }

    public static PublicKey readPublic(Path file) throws BundleException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(unpem(file, PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new BundleException(file + ": not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivate(Path file) throws BundleException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(unpem(file, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new BundleException(file + ": not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file, String type) throws BundleException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new BundleException(file + ": cannot read key: " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new BundleException(file + ": not a PEM " + type.toLowerCase() + " (no '" + begin + "')");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new BundleException(file + ": the PEM body is not base64", ex);
        }
    }
}
