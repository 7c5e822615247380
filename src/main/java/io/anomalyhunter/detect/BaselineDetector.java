package io.anomalyhunter.detect;

import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.Reading;
import io.anomalyhunter.detect.baseline.SeriesModel;
import io.anomalyhunter.detect.state.BaselineState;
import java.time.Instant;

/**
 * The default detector of every series: {@link SeriesModel} learns what the series does and how surprising
 * each sample is (see docs/detection.md); this class turns its readings into verdicts with the contract of
 * {@link SeriesDetector}. Not thread-safe.
 */
public final class BaselineDetector implements SeriesDetector {
    private final SeriesModel model;

    public BaselineDetector(BaselineSettings settings) {
        this.model = new SeriesModel(settings);
    }

    /** A detector that continues from a persisted state (no new learning period). */
    public BaselineDetector(BaselineSettings settings, BaselineState state) {
        this(settings);
        model.restore(state);
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Verdict process(Instant time, double value) {
        return verdict(model.process(time.toEpochMilli(), value));
    }

    /** A reading in the words of a verdict; the reason is what the operator reads. */
    static Verdict verdict(Reading r) {
        return switch (r.kind()) {
            case WARMING_UP -> Verdict.NEUTRAL;
            case LEARNING -> Verdict.learning(r.expectedLow(), r.expectedHigh());
            case ANOMALOUS -> new Verdict(true, r.score(), r.confidence(), r.expectedLow(), r.expectedHigh(), reason(r));
            case NORMAL -> Verdict.normal(r.score(), r.confidence(), r.expectedLow(), r.expectedHigh());
            case CALMED -> Verdict.settled(r.score(), r.confidence(), r.expectedLow(), r.expectedHigh(),
                    "back within expected");
            case ADOPTED -> Verdict.settled(r.score(), r.confidence(), r.expectedLow(), r.expectedHigh(),
                    "lasting change adopted as the new normal");
        };
    }

    static String reason(Reading r) {
        String what = switch (r.feature()) {
            case POINT -> r.above() ? "above expected" : "below expected";
            case SHIFT -> r.above() ? "level shifted up" : "level shifted down";
            case BURST -> "burst of unusual values";
        };
        return r.daily() ? what + " for this time of day" : what;
    }

    /** The band this detector currently expects at {@code time}, as {low, high}; NaNs while it cannot say. */
    public double[] expectedBand(Instant time) {
        return model.expectedBand(time.toEpochMilli());
    }

    /** True once the learning period has passed, i.e. verdicts can be anomalous. */
    public boolean ready() {
        return model.ready();
    }

    /** True once the first samples have seeded the figures; only then is the state worth saving. */
    public boolean warmedUp() {
        return model.warmedUp();
    }

    public BaselineState state() {
        return model.state();
    }
}
