package io.anomalyhunter.api;

import io.anomalyhunter.daemon.DaemonWiring;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The daemon with a 1 s interval, a database in a fresh temp dir, and a pin that fires from the first
 * sample (more than 1 process), so there is an anomaly and an incident to read back; capturing lo, where the
 * tests' own HTTP requests are the traffic.
 */
public class FastDaemonProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return configIn("ah-api-test", """
                detection:
                  interval: 1s
                  learning_period: 1h
                storage:
                  path: %s
                collectors:
                  network:
                    interfaces: lo
                metrics:
                  - name: host_processes
                    above: 1
                """);
    }

    /** A config (its {@code %s} is the database path) in a fresh temp dir, as the daemon's config override. */
    public static Map<String, String> configIn(String prefix, String yaml) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Path config = Files.writeString(dir.resolve("config.yaml"), yaml.formatted(dir.resolve("ah.db")));
            return Map.of(DaemonWiring.CONFIG_PROPERTY, config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
