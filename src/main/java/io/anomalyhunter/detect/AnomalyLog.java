package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verdicts through a tracker into a list of anomalies, in memory, for runs without a daemon ({@code replay}):
 * the anomalies are the ones the daemon's pipeline would open and close for the same verdicts.
 */
public final class AnomalyLog implements VerdictSink {
    private final AnomalyTracker tracker;
    private final Map<Long, Anomaly> byId = new LinkedHashMap<>();

    public AnomalyLog(AnomalyTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void verdict(SeriesKey series, String detector, Instant time, double value, Verdict verdict) {
        tracker.observe(series, detector, time, value, verdict).ifPresent(c -> byId.put(c.anomaly().id(), c.anomaly()));
    }

    /** Every anomaly, in the order they opened, each as it last changed. */
    public List<Anomaly> anomalies() {
        return new ArrayList<>(byId.values());
    }
}
