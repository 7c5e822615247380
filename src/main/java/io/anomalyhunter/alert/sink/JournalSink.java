package io.anomalyhunter.alert.sink;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.queue.Outcome;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Alerts as lines in the daemon's log: error for critical, warning otherwise. Under systemd the log
 * filter adds the sd-daemon priority prefix, so {@code journalctl -p warning} shows them.
 */
public final class JournalSink implements AlertSink {
    private static final Logger LOG = Logger.getLogger("io.anomalyhunter.alert");

    @Override
    public Outcome deliver(Alert alert) {
        Level level = alert.severity() == AlertsConfig.Severity.CRITICAL && alert.state() == Alert.State.FIRING
                ? Level.SEVERE : Level.WARNING;
        LOG.log(level, "ALERT " + alert.summary() + " (rules " + String.join(",", alert.rules()) + "; series "
                + String.join(", ", alert.series()) + "; id " + alert.id() + ")");
        return Outcome.done();
    }
}
