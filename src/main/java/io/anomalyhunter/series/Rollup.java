package io.anomalyhunter.series;

import java.time.Instant;
import java.util.Objects;

/** Min, max, sum and count of one series over the minute starting at {@code minute}. */
public record Rollup(SeriesKey series, Instant minute, double min, double max, double sum, long count) {
    public Rollup {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(minute, "minute");
        if (count <= 0) {
            throw new IllegalArgumentException("a rollup needs at least one sample, count was " + count);
        }
    }

    public double mean() {
        return sum / count;
    }
}
