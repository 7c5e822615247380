package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;

/** The latest value of one series and whether its baseline has finished learning. */
public record SeriesSnapshot(SeriesKey series, Instant time, double value, boolean baselineReady) {
}
