package io.anomalyhunter.series;

import java.time.Instant;
import java.util.Objects;

/** One observation of one series. */
public record Sample(SeriesKey series, Instant time, double value) {
    public Sample {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(time, "time");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("sample value for " + series + " must be finite, was " + value);
        }
    }
}
