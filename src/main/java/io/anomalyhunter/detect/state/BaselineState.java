package io.anomalyhunter.detect.state;

/**
 * Everything a {@code BaselineDetector} has learned about one series, as plain values so it can be
 * persisted and restored (the arrays are copies; callers must not share them with a live detector).
 * Times are epoch milliseconds because this is a storage shape.
 */
public record BaselineState(int version, long firstSeenMillis, long lastSeenMillis, long samples, double globalMean,
                            double globalDev, double recentDev, double[] slotMean, double[] slotDev, long[] slotCount) {

    public static final int CURRENT_VERSION = 1;

    public BaselineState {
        if (slotMean.length != slotDev.length || slotMean.length != slotCount.length) {
            throw new IllegalArgumentException("slot arrays differ in length: " + slotMean.length + "/"
                    + slotDev.length + "/" + slotCount.length);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, was " + samples);
        }
    }
}
