package io.anomalyhunter.detect.baseline;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Parameters of one the baseline detector. It learns for at least {@code learningPeriod} and
 * {@code learningSamples} (either may be zero) before it judges; {@code nominalInterval} is the expected
 * sampling interval until the detector has measured it; {@code budget} sets how surprising a sample must be;
 * {@code range} is what values are possible; {@code floor} is the smallest spread that counts in the series'
 * unit (0 when unknown: then a thousandth of the series' own magnitude); {@code zone} decides where days begin.
 * Samples before {@code settleUntilMillis} (epoch ms) are neither judged nor learned from beyond the robust warm-up
 * (the daemon's own start: its JVM compiling and loading is not the host's behaviour).
 */
public record BaselineSettings(Duration learningPeriod, long learningSamples, Duration nominalInterval,
                               FalseAlarmBudget budget, ValueRange range, double floor, ZoneOffset zone,
                               long settleUntilMillis) {
    /** Settings with nothing to settle: every sample counts from the first (a replayed file, a test). */
    public BaselineSettings(Duration learningPeriod, long learningSamples, Duration nominalInterval,
                            FalseAlarmBudget budget, ValueRange range, double floor, ZoneOffset zone) {
        this(learningPeriod, learningSamples, nominalInterval, budget, range, floor, zone, Long.MIN_VALUE);
    }

    public BaselineSettings {
        Objects.requireNonNull(learningPeriod, "learningPeriod");
        Objects.requireNonNull(nominalInterval, "nominalInterval");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(zone, "zone");
        if (learningPeriod.isNegative()) {
            throw new IllegalArgumentException("learningPeriod must not be negative, was " + learningPeriod);
        }
        if (learningSamples < 0) {
            throw new IllegalArgumentException("learningSamples must not be negative, was " + learningSamples);
        }
        if (nominalInterval.isNegative() || nominalInterval.isZero()) {
            throw new IllegalArgumentException("nominalInterval must be positive, was " + nominalInterval);
        }
        if (!(floor >= 0)) {
            throw new IllegalArgumentException("floor must not be negative, was " + floor);
        }
    }
}
