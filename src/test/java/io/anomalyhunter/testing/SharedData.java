package io.anomalyhunter.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data and models beside the checkout (../shared, or -Danomaly-hunter.shared-dir). A test that needs
 * them skips with a clear message where they are truly absent, but fails under CI (the CI variable set), where a
 * missing folder would otherwise leave detection silently untested.
 */
public final class SharedData {
    public static final Path DIR = Path.of(System.getProperty("anomaly-hunter.shared-dir", "../shared"));

    private SharedData() {
    }

    /** Returns {@code path} if it exists; else skips the test, or fails it under CI. */
    public static Path require(Path path, String what) {
        if (Files.exists(path)) {
            return path;
        }
        String message = "no " + what + " at " + path.toAbsolutePath().normalize()
                + " (the shared folder beside the checkout, or -Danomaly-hunter.shared-dir)";
        if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
            fail(message + "; CI is set, so a missing folder is a failure, not a skip");
        }
        assumeTrue(false, message);
        return path;
    }
}
