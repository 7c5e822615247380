package io.anomalyhunter.cli;

import io.anomalyhunter.bundle.BundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A bundle as a directory: the directory itself, or a tarball unpacked (with the system's tar) into a temp dir. */
record UnpackedBundle(Path dir, Path tempRoot) implements AutoCloseable {

    static UnpackedBundle open(Path bundle) throws IOException, InterruptedException, BundleException {
        if (Files.isDirectory(bundle)) {
            return new UnpackedBundle(bundle, null);
        }
        if (!Files.isRegularFile(bundle)) {
            throw new BundleException(bundle + ": no such bundle file or directory");
        }
        Path tmp = Files.createTempDirectory("ah-bundle");
        Process tar = new ProcessBuilder("tar", "-xzf", bundle.toAbsolutePath().toString(), "-C", tmp.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            delete(tmp);
            throw new BundleException(bundle + ": not a readable .tar.gz: " + out.strip());
        }
        List<Path> top;
        try (Stream<Path> s = Files.list(tmp)) {
            top = s.toList();
        }
        if (top.size() != 1 || !Files.isDirectory(top.get(0))) {
            delete(tmp);
            throw new BundleException(bundle + ": expected one top-level directory in the tarball, found " + top.size() + " entries");
        }
        return new UnpackedBundle(top.get(0), tmp);
    }

    @Override
    public void close() throws IOException {
        if (tempRoot != null) {
            delete(tempRoot);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
