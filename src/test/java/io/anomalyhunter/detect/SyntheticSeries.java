package io.anomalyhunter.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** A seeded series with a daily sine pattern and Gaussian noise, one sample a minute. */
final class SyntheticSeries {
    static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    static final Duration STEP = Duration.ofMinutes(1);
    static final double LEVEL = 50;
    static final double AMPLITUDE = 20;
    static final double NOISE = 2;

    private final Random random;

    SyntheticSeries(long seed) {
        this.random = new Random(seed);
    }

    static Instant at(int minute) {
        return MONDAY.plus(STEP.multipliedBy(minute));
    }

    /** The normal value at a minute, with noise scaled by {@code noiseFactor}. */
    double value(int minute, double noiseFactor) {
        double dayFraction = (minute % 1440) / 1440.0;
        return LEVEL + AMPLITUDE * Math.sin(2 * Math.PI * dayFraction) + random.nextGaussian() * NOISE * noiseFactor;
    }
}
