package io.anomalyhunter.api;

import io.anomalyhunter.detect.Anomaly;
import java.time.Instant;
import java.util.Map;

/** An anomaly as the API shows it; non-finite numbers become null (JSON has no NaN). */
public record AnomalyView(long id, String series, String metric, Map<String, String> labels, String detector,
                          Instant start, Instant end, boolean open, Double peakValue, Instant peakTime,
                          Double expectedLow, Double expectedHigh, double score, double confidence, String reason) {

    public static AnomalyView of(Anomaly a) {
        return new AnomalyView(a.id(), a.series().text(), a.series().metric(), a.series().labels(), a.detector(),
                a.start(), a.end(), a.open(), finite(a.peakValue()), a.peakTime(), finite(a.expectedLow()),
                finite(a.expectedHigh()), a.score(), a.confidence(), a.reason());
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
