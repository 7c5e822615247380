package io.anomalyhunter.series;

import java.util.Objects;
import java.time.Instant;

/**
 * Min, max, sum and count of one series over the minute starting at {@code minute}, and the band the baseline
 * expected over that minute (the mean of its edges; NaN when it had none): kept so that a chart of the past
 * shows the band as it was then, not as it is now.
 */
public record Rollup(SeriesKey series, Instant minute, double min, double max, double sum, long count, double bandLow,
                     double bandHigh) {
    public Rollup {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(minute, "minute");
        if (count <= 0) {
            throw new IllegalArgumentException("a rollup needs at least one sample, count was " + count);
        }
    }

    /** A rollup without a band. */
    public Rollup(SeriesKey series, Instant minute, double min, double max, double sum, long count) {
        this(series, minute, min, max, sum, count, Double.NaN, Double.NaN);
    }

    public double mean() {
        return sum / count;
    }
}
