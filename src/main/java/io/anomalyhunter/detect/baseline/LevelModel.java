package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;

/**
 * Expects the series to stay where it has been: an exponentially weighted level with its {@link Spread}.
 * Values are clipped to a few spreads before they are learned. Not thread-safe.
 */
final class LevelModel {
    /** Weight of a new value in the level: about the last twenty samples. */
    static final double LEVEL_WEIGHT = 0.05;

    private final Spread spread = new Spread();
    private double level;

    void start(double median, double dev) {
        level = median;
        spread.start(dev);
    }

    double expected() {
        return level;
    }

    double scale(double floor) {
        return spread.scale(floor);
    }

    double error() {
        return spread.error();
    }

    void learn(double x, double floor) {
        level += LEVEL_WEIGHT * spread.learn(x - level, floor);
    }

    /** A lasting change was confirmed: the level moves by {@code delta} at once. */
    void shift(double delta) {
        level += delta;
    }

    BaselineState.Level state() {
        return new BaselineState.Level(level, spread.dev(), spread.error());
    }

    void restore(BaselineState.Level s) {
        level = s.level();
        spread.restore(s.dev(), s.error());
    }
}
