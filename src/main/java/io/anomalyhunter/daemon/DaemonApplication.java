package io.anomalyhunter.daemon;

import io.anomalyhunter.config.AppConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** The daemon's life under Quarkus: parts start from startup observers; this runs once HTTP listens. */
public final class DaemonApplication implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(DaemonApplication.class.getName());

    @Inject
    AppConfig config;

    @Override
    public int run(String... args) {
        LOG.info("anomaly-hunter ready: UI and API on http://" + config.http().host() + ":" + config.http().port() + "/");
        Quarkus.waitForExit();
        return 0;
    }
}
