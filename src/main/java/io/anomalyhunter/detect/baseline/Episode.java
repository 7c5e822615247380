package io.anomalyhunter.detect.baseline;

import java.util.Arrays;

/**
 * One open anomaly as the detector sees it: how long it has lasted, whether it stayed on one side, and the
 * latest residuals of both predictors, from which a lasting change is adopted. Not thread-safe.
 */
final class Episode {
    /** Residuals kept for adoption: the new level is their median. */
    static final int RECENT = 30;

    private final double[] levelResiduals = new double[RECENT];
    private final double[] dailyResiduals = new double[RECENT];
    private boolean open;
    private long startMillis;
    private int length;
    private int quiet;
    private int side;

    void open(long epochMillis, double residual) {
        open = true;
        startMillis = epochMillis;
        length = 0;
        quiet = 0;
        side = residual > 0 ? 1 : -1;
    }

    boolean isOpen() {
        return open;
    }

    /** A sample that keeps the anomaly going; residuals of both predictors (NaN where one has none). */
    void extend(double residual, double levelResidual, double dailyResidual) {
        int s = residual > 0 ? 1 : -1;
        side = side == s ? side : 0;
        levelResiduals[length % RECENT] = levelResidual;
        dailyResiduals[length % RECENT] = dailyResidual;
        length++;
        quiet = 0;
    }

    /** A sample below the continuing threshold; true when enough in a row have come to close the anomaly. */
    boolean calm(int quietSamples) {
        return ++quiet >= quietSamples;
    }

    /** True when the anomaly has stayed on one side for long enough to be a lasting change. */
    boolean lasting(long epochMillis, int minSamples, long minMillis) {
        return side != 0 && length >= minSamples && epochMillis - startMillis >= minMillis;
    }

    /** The median recent residual of the level predictor: how far the level moved. */
    double levelShift() {
        return median(levelResiduals);
    }

    /** The same for the daily profile (NaN when it had no prediction). */
    double dailyShift() {
        return median(dailyResiduals);
    }

    void close() {
        open = false;
    }

    private double median(double[] residuals) {
        int n = Math.min(length, RECENT);
        double[] sorted = Arrays.copyOf(residuals, n);
        Arrays.sort(sorted);
        return n == 0 ? 0 : sorted[n / 2];
    }
}
