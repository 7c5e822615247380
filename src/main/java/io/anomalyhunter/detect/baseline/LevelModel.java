package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;

/**
 * Expects the series to stay where it has been: an exponentially weighted level and spread (mean absolute
 * deviation). Values are clipped to a few spreads before they are learned, so one spike moves neither.
 * Not thread-safe.
 */
final class LevelModel {
    /** Weight of a new value in the level: about the last twenty samples. */
    static final double LEVEL_WEIGHT = 0.05;
    /** The spread adapts more slowly than the level: a noisy spread moves every threshold. */
    static final double SPREAD_WEIGHT = 0.01;
    /** Weight of a new error in the recent absolute error that decides between predictors. */
    static final double ERROR_WEIGHT = 0.01;
    static final double CLIP_SPREADS = 4;

    private double level;
    private double dev;
    private double error = -1;

    void start(double median, double spread) {
        level = median;
        dev = spread;
    }

    double expected() {
        return level;
    }

    /** The spread, never below {@code floor}. */
    double scale(double floor) {
        return Math.max(dev, floor);
    }

    /** Recent mean absolute error; negative before the first. */
    double error() {
        return error;
    }

    void learn(double x, double floor) {
        double d = scale(floor);
        double r = Math.max(-CLIP_SPREADS * d, Math.min(CLIP_SPREADS * d, x - level));
        dev += SPREAD_WEIGHT * (Math.abs(r) - dev);
        error = error < 0 ? Math.abs(r) : error + ERROR_WEIGHT * (Math.abs(r) - error);
        level += LEVEL_WEIGHT * r;
    }

    /** A lasting change was confirmed: the level moves by {@code delta} at once. */
    void shift(double delta) {
        level += delta;
    }

    BaselineState.Level state() {
        return new BaselineState.Level(level, dev, error);
    }

    void restore(BaselineState.Level s) {
        level = s.level();
        dev = s.dev();
        error = s.error();
    }
}
