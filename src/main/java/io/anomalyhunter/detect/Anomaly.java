package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of time during which one detector found one series anomalous. {@code end} is null while
 * the anomaly is still open. The expected band is the one at the peak.
 */
public record Anomaly(long id, SeriesKey series, String detector, Instant start, Instant end, double peakValue,
                      Instant peakTime, double expectedLow, double expectedHigh, double score, double confidence,
                      String reason) {
    public Anomaly {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(peakTime, "peakTime");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("anomaly end " + end + " before start " + start);
        }
    }

    public boolean open() {
        return end == null;
    }

    public Anomaly withEnd(Instant newEnd) {
        return new Anomaly(id, series, detector, start, newEnd, peakValue, peakTime, expectedLow, expectedHigh,
                score, confidence, reason);
    }
}
