package io.anomalyhunter.pipeline;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.IncidentChange;
import java.util.Locale;
import java.util.logging.Logger;

/** Writes one journal line per anomaly and incident event: openings at WARN, the rest at INFO. */
public final class LoggingListener implements PipelineListener {
    private static final Logger LOG = Logger.getLogger("io.anomalyhunter.events");

    @Override
    public void onAnomaly(AnomalyChange change) {
        Anomaly a = change.anomaly();
        switch (change.kind()) {
            case OPENED -> LOG.warning(String.format(Locale.ROOT,
                    "anomaly %d opened: %s = %.4g %s (expected %s, score %.2f, confidence %.2f, detector %s)",
                    a.id(), a.series().text(), a.peakValue(), a.reason(), band(a.expectedLow(), a.expectedHigh()),
                    a.score(), a.confidence(), a.detector()));
            case CLOSED -> LOG.info(String.format(Locale.ROOT, "anomaly %d closed: %s, peak %.4g, score %.2f",
                    a.id(), a.series().text(), a.peakValue(), a.score()));
            case PEAKED -> { } // the close line reports the final peak
        }
    }

    private static String band(double low, double high) {
        boolean hasLow = Double.isFinite(low);
        boolean hasHigh = Double.isFinite(high);
        if (hasLow && hasHigh) {
            return String.format(Locale.ROOT, "%.4g..%.4g", low, high);
        }
        if (hasHigh) {
            return String.format(Locale.ROOT, "at most %.4g", high);
        }
        return hasLow ? String.format(Locale.ROOT, "at least %.4g", low) : "unknown";
    }

    @Override
    public void onIncident(IncidentChange change) {
        Incident i = change.incident();
        switch (change.kind()) {
            case OPENED -> LOG.warning(String.format(Locale.ROOT, "incident %d opened (%s): %s",
                    i.id(), i.severity().name().toLowerCase(Locale.ROOT), i.title()));
            case RESOLVED -> LOG.info(String.format(Locale.ROOT, "incident %d resolved: %d anomalies over %d series",
                    i.id(), i.anomalyIds().size(), i.series().size()));
            case UPDATED -> { }
        }
    }
}
