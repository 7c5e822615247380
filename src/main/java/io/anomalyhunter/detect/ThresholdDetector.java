package io.anomalyhunter.detect;

import java.time.Instant;
import java.util.OptionalDouble;

/** A static threshold an operator pinned: flags from the first sample, no learning. */
public final class ThresholdDetector implements SeriesDetector {
    private final OptionalDouble above;
    private final OptionalDouble below;

    public ThresholdDetector(OptionalDouble above, OptionalDouble below) {
        if (above.isEmpty() && below.isEmpty()) {
            throw new IllegalArgumentException("a threshold needs above or below");
        }
        this.above = above;
        this.below = below;
    }

    @Override
    public String name() {
        return "threshold";
    }

    @Override
    public Verdict process(Instant time, double value) {
        double low = below.orElse(Double.NEGATIVE_INFINITY);
        double high = above.orElse(Double.POSITIVE_INFINITY);
        if (value > high) {
            return new Verdict(true, 1.0, 1.0, low, high, "above pinned threshold " + high);
        }
        if (value < low) {
            return new Verdict(true, 1.0, 1.0, low, high, "below pinned threshold " + low);
        }
        return Verdict.normal(0, 1.0, low, high);
    }
}
