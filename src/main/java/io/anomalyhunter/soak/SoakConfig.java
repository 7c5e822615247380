package io.anomalyhunter.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Config files for soak runs: a one-second interval, capture off, the database where the scenario wants it. */
final class SoakConfig {
    private SoakConfig() {
    }

    static Path write(Path dir, int port, Path database, String more) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), """
                detection:
                  interval: 1s
                  correlation_window: 5s
                storage:
                  path: %s
                http:
                  port: %d
                collectors:
                  network:
                    enabled: false
                %s""".formatted(database, port, more));
    }

    /** Alerts to {@code url}, retried quickly and for long, so a failing receiver loses nothing. */
    static String webhook(String url) {
        return """
                alerts:
                  retry: {max_attempts: 100, initial: 200ms, max: 1s}
                  destinations:
                    - {name: hook, type: webhook, url: "%s"}
                  rules:
                    - {name: all, severity: info, destinations: [hook]}
                """.formatted(url);
    }

    /** A pinned limit on host_processes: forty extra processes (see {@link Sleepers}) cross it, their end clears it. */
    static String processLimit(int limit) {
        return "metrics:\n  - {name: host_processes, above: " + limit + "}\n";
    }
}
