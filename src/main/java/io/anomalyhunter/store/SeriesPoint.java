package io.anomalyhunter.store;

import java.time.Instant;

/**
 * One step of a series read back from the store: mean, min and max of the samples in the step, and the band
 * the baseline expected then (NaN where none was stored).
 */
public record SeriesPoint(Instant time, double mean, double min, double max, double expectedLow, double expectedHigh) {
}
