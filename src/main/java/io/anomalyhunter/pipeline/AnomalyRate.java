package io.anomalyhunter.pipeline;

import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The share of watched series with an anomaly of their baseline open: Netdata's headline signal of how much
 * of the host is unusual at once, kept as a series of its own. It is not itself watched for anomalies, being
 * made of them. At most one sample a second, whatever the number of collectors. Not thread-safe.
 */
final class AnomalyRate {
    static final SeriesKey SERIES = SeriesKey.of(PipelineMetrics.ANOMALY_RATE);
    private static final Duration MIN_STEP = Duration.ofSeconds(1);

    private final String detector;
    private Instant last = Instant.MIN;

    /** @param detector the name of the detector whose open anomalies count (the baseline) */
    AnomalyRate(String detector) {
        this.detector = detector;
    }

    Optional<Sample> sample(Instant now, Collection<SeriesKey> watched, AnomalyTracker tracker) {
        if (now.isBefore(last.plus(MIN_STEP))) {
            return Optional.empty();
        }
        int total = 0;
        int anomalous = 0;
        for (SeriesKey k : watched) {
            if (k.equals(SERIES)) {
                continue;
            }
            total++;
            anomalous += tracker.openId(k, detector).isPresent() ? 1 : 0;
        }
        if (total == 0) {
            return Optional.empty();
        }
        last = now;
        return Optional.of(new Sample(SERIES, now, 100.0 * anomalous / total));
    }
}
