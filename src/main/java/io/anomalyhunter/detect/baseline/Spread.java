package io.anomalyhunter.detect.baseline;

/**
 * A predictor's spread (mean absolute deviation of its residuals) and its recent absolute error, learned from
 * residuals clipped to a few spreads, so one spike moves neither. The spread adapts slowly: a noisy spread moves
 * every threshold. Not thread-safe.
 */
final class Spread {
    static final double CLIP_SPREADS = 4;
    static final double SPREAD_WEIGHT = 0.01;
    /** Weight of a new error in the recent absolute error that decides between predictors. */
    static final double ERROR_WEIGHT = 0.01;

    private double dev;
    private double error = -1;

    void start(double spread) {
        dev = spread;
    }

    /** The spread, never below {@code floor}. */
    double scale(double floor) {
        return Math.max(dev, floor);
    }

    /** Recent mean absolute error; negative before the first. */
    double error() {
        return error;
    }

    /** Learns a residual and returns it clipped to {@link #CLIP_SPREADS} spreads, for the predictor to learn. */
    double learn(double residual, double floor) {
        double d = scale(floor);
        double r = Math.max(-CLIP_SPREADS * d, Math.min(CLIP_SPREADS * d, residual));
        dev += SPREAD_WEIGHT * (Math.abs(r) - dev);
        error = error < 0 ? Math.abs(r) : error + ERROR_WEIGHT * (Math.abs(r) - error);
        return r;
    }

    double dev() {
        return dev;
    }

    void restore(double dev, double error) {
        this.dev = dev;
        this.error = error;
    }
}
