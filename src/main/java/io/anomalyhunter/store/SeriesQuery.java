package io.anomalyhunter.store;

import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads a series back in steps. Steps under a minute come from raw samples, longer ones from 1-minute
 * rollups (raw samples are kept only for retention.raw). Thread-safe.
 */
public interface SeriesQuery {
    List<SeriesPoint> range(SeriesKey series, Instant from, Instant to, Duration step);
}
