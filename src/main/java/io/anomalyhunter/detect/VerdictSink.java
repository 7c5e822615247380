package io.anomalyhunter.detect;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;

/**
 * Where a detector that works on more than one series of numbers (the attack detectors see packets; models
 * will see many series at once) hands its verdicts: each about one series at one time, with the value it judged.
 * The pipeline turns them into anomalies and incidents exactly as it does the verdicts of per-series detectors.
 */
public interface VerdictSink {
    void verdict(SeriesKey series, String detector, Instant time, double value, Verdict verdict);
}
