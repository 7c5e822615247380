package io.anomalyhunter.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The list of every file in a bundle with its SHA-256, in sha256sum's format so that
 * {@code grep -v '^#' MANIFEST | sha256sum -c} checks it too. Header lines start with '#' and carry the
 * version and the kind of bundle (native or jvm).
 */
public record BundleManifest(Map<String, String> headers, SortedMap<String, String> sha256ByPath) {
    public static final String FILE = "MANIFEST";
    public static final String SIGNATURE = "MANIFEST.sig";

    public BundleManifest {
        headers = Map.copyOf(headers);
        sha256ByPath = new TreeMap<>(sha256ByPath);
    }

    /** Hashes every regular file under {@code dir} except the manifest and its signature. */
    public static BundleManifest of(Path dir, Map<String, String> headers) throws IOException {
        SortedMap<String, String> sums = new TreeMap<>();
        for (String rel : files(dir)) {
            sums.put(rel, sha256(dir.resolve(rel)));
        }
        return new BundleManifest(headers, sums);
    }

    /** The relative paths of the files under {@code dir}, manifest and signature left out. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .filter(rel -> !rel.equals(FILE) && !rel.equals(SIGNATURE))
                    .sorted()
                    .toList();
        }
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(headers).forEach((k, v) -> sb.append("# ").append(k).append('=').append(v).append('\n'));
        sha256ByPath.forEach((path, sum) -> sb.append(sum).append("  ").append(path).append('\n'));
        return sb.toString();
    }

    /** @throws BundleException when a line is neither a header nor "sha256  path" */
    public static BundleManifest parse(String text) throws BundleException {
        Map<String, String> headers = new LinkedHashMap<>();
        SortedMap<String, String> sums = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# ") && line.indexOf('=') > 2) {
                headers.put(line.substring(2, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            } else if (line.length() > 66 && line.charAt(64) == ' ' && line.charAt(65) == ' '
                    && line.substring(0, 64).matches("[0-9a-f]{64}")) {
                sums.put(line.substring(66), line.substring(0, 64));
            } else {
                throw new BundleException(FILE + " line " + (i + 1) + " is malformed: '" + line + "'");
            }
        }
        return new BundleManifest(headers, sums);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
