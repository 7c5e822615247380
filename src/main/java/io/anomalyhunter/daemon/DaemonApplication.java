package io.anomalyhunter.daemon;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** The daemon's life under Quarkus: everything starts from startup observers; this waits for the stop signal. */
public final class DaemonApplication implements QuarkusApplication {
    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
