package io.anomalyhunter.detect.state;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@code BaselineDetector} has learned about one series, as plain values so it can be persisted
 * and restored (arrays are copies; callers must not share them with a live detector). Times are epoch
 * milliseconds because this is a storage shape. Version 2 is the surprise-based detector; version 1 states
 * (the slot baseline before it) cannot be converted and are learned again.
 */
public record BaselineState(int version, long firstSeenMillis, long lastSeenMillis, long samples, long learned,
                            double intervalSeconds, Level level, Daily daily, View levelView, View dailyView) {

    public static final int CURRENT_VERSION = 2;

    public BaselineState {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(levelView, "levelView");
        Objects.requireNonNull(dailyView, "dailyView");
        if (samples < 0 || learned < 0 || learned > samples) {
            throw new IllegalArgumentException("baseline state counts are impossible: samples " + samples + ", learned "
                    + learned);
        }
    }

    /** The running level: its value, spread (mean absolute deviation) and recent absolute error. */
    public record Level(double level, double dev, double error) {
    }

    /** The time-of-day profile: one mean per slot, days folded into each, and the slot being filled now. */
    public record Daily(double offset, double dev, double error, double[] slotMeans, int[] slotDays, long currentSlot,
                        double currentSum, int currentCount) {
        public Daily {
            if (slotMeans.length != slotDays.length) {
                throw new IllegalArgumentException("slot arrays differ in length: " + slotMeans.length + "/"
                        + slotDays.length);
            }
        }
    }

    /** What one predictor's residuals look like: the running features and one calibrator per feature. */
    public record View(double runningMean, double burstRate, List<Calibrator> calibrators) {
        public View {
            calibrators = List.copyOf(calibrators);
        }
    }

    /** One tail calibrator: its largest recent deviations (with the sample count at which each was seen) and core. */
    public record Calibrator(double[] records, long[] recordedAt, long seen, double mean, double rate, double excess) {
        public Calibrator {
            if (records.length != recordedAt.length) {
                throw new IllegalArgumentException("calibrator records and their times differ in length");
            }
        }
    }
}
