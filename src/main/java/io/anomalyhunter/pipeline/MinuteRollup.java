package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.Rollup;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Accumulates one series' samples, and the bands the baseline expected for them, into 1-minute rollups; a
 * rollup is finished when a later minute begins.
 */
final class MinuteRollup {
    private final SeriesKey series;
    private long minuteMillis = Long.MIN_VALUE;
    private double min;
    private double max;
    private double sum;
    private long count;
    private double lowSum;
    private double highSum;
    private long banded;

    MinuteRollup(SeriesKey series) {
        this.series = series;
    }

    /**
     * Adds a sample and the band expected for it (NaNs when none); returns the previous minute's rollup when this
     * sample starts a new minute.
     */
    Optional<Rollup> add(Instant time, double value, double bandLow, double bandHigh) {
        long minute = Math.floorDiv(time.toEpochMilli(), 60_000L) * 60_000L;
        Optional<Rollup> finished = Optional.empty();
        if (minute != minuteMillis) {
            finished = flush();
            minuteMillis = minute;
        }
        if (count == 0) {
            min = value;
            max = value;
        } else {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        sum += value;
        count++;
        if (Double.isFinite(bandLow) && Double.isFinite(bandHigh)) {
            lowSum += bandLow;
            highSum += bandHigh;
            banded++;
        }
        return finished;
    }

    /** The current minute's rollup so far, which then starts empty. */
    Optional<Rollup> flush() {
        if (count == 0) {
            return Optional.empty();
        }
        Rollup r = new Rollup(series, Instant.ofEpochMilli(minuteMillis), min, max, sum, count,
                banded == 0 ? Double.NaN : lowSum / banded, banded == 0 ? Double.NaN : highSum / banded);
        count = 0;
        sum = 0;
        lowSum = 0;
        highSum = 0;
        banded = 0;
        return Optional.of(r);
    }
}
