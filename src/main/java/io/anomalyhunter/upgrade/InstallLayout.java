package io.anomalyhunter.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where an installation lives, under a root ("/" normally): /opt/anomaly-hunter/versions/V with the
 * "current" link, /etc/anomaly-hunter for config and release key. Switching "current" is one rename, so
 * it is atomic.
 */
public record InstallLayout(Path root) {
    public Path opt() {
        return root.resolve("opt/anomaly-hunter");
    }

    public Path versions() {
        return opt().resolve("versions");
    }

    public Path current() {
        return opt().resolve("current");
    }

    public Path rollbackRecord() {
        return opt().resolve("rollback.properties");
    }

    public Path config() {
        return root.resolve("etc/anomaly-hunter/config.yaml");
    }

    public Path releaseKey() {
        return root.resolve("etc/anomaly-hunter/release.pub");
    }

    /** A path from the config (e.g. storage.path) as seen from here: absolute paths live under the root. */
    public Path underRoot(Path configured) {
        return configured.isAbsolute() ? root.resolve(root.getRoot().relativize(configured)) : configured;
    }

    /** The version "current" points at, if anything is installed. */
    public Optional<String> currentVersion() throws IOException {
        if (!Files.isSymbolicLink(current())) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(current()).getFileName().toString());
    }

    /** Points "current" at a version with one atomic rename. */
    public void switchTo(String version) throws IOException {
        if (!Files.isDirectory(versions().resolve(version))) {
            throw new IOException("version " + version + " is not staged under " + versions());
        }
        Path tmp = opt().resolve("current.tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of("versions", version));
        Files.move(tmp, current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
