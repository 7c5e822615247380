package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;
import java.util.List;

/**
 * What one predictor's residuals (value minus expected) look like, seen three ways, each with its own
 * {@link TailCalibrator} so that each is judged against its own history: the residual itself (a spike or a
 * jump), a short running mean of it (a shift that no single value shows), and the rate of unusual residuals
 * (a burst of them). Deviations up and down are calibrated apart, because operational series are lopsided
 * (CPU spikes up, rarely down). The surprise of a sample is the largest of the three. Not thread-safe.
 */
final class ResidualView {
    /** Weight of a new residual in the running mean: about the last five samples. */
    static final double MEAN_WEIGHT = 0.3;
    /** Weight of a new sample in the burst rate: about the last ten samples. */
    static final double BURST_WEIGHT = 0.2;
    /** A residual beyond this many spreads counts towards the burst rate. */
    static final double BURST_SPREADS = 2.5;
    /** A residual backs the running mean when it is on its side and at least this share of it. */
    static final double SHIFT_SUPPORT = 0.5;
    /** Residuals held during an anomaly, to be learned if it turns out short; longer ones are adopted instead. */
    static final int PENDING = 64;

    private final TailCalibrator pointUp;
    private final TailCalibrator pointDown;
    private final TailCalibrator shiftUp;
    private final TailCalibrator shiftDown;
    private final TailCalibrator burst;
    private double runningMean;
    private double burstRate;
    private float[] pending;
    private int pendingCount;
    private Feature lastFeature = Feature.POINT;
    private double lastSustained;

    ResidualView(long horizon) {
        pointUp = new TailCalibrator(horizon);
        pointDown = new TailCalibrator(horizon);
        shiftUp = new TailCalibrator(horizon, true);
        shiftDown = new TailCalibrator(horizon, true);
        burst = new TailCalibrator(horizon);
    }

    /**
     * Surprise of residual {@code r} (decades), without learning it. {@code scale} is the predictor's spread and
     * {@code floor} the smallest spread that counts.
     */
    double judge(double r, double scale, double floor) {
        double mean = runningMean + MEAN_WEIGHT * (r - runningMean);
        double rate = burstRate + BURST_WEIGHT * ((Math.abs(r) > BURST_SPREADS * scale ? 1 : 0) - burstRate);
        double point = (r < 0 ? pointDown : pointUp).surprise(Math.abs(r), floor);
        double shift = (mean < 0 ? shiftDown : shiftUp).surprise(Math.abs(mean), floor);
        double bursts = burst.surprise(rate, BURST_FLOOR);
        lastFeature = point >= shift && point >= bursts ? Feature.POINT : shift >= bursts ? Feature.SHIFT : Feature.BURST;
        boolean backsShift = Math.signum(r) == Math.signum(mean) && Math.abs(r) >= SHIFT_SUPPORT * Math.abs(mean);
        boolean backsBurst = Math.abs(r) > BURST_SPREADS * scale;
        lastSustained = Math.max(point, Math.max(backsShift ? shift : 0, backsBurst ? bursts : 0));
        return Math.max(point, Math.max(shift, bursts));
    }

    /**
     * The surprise of the last judged sample counting only what the sample itself still shows. The running mean
     * and the burst rate remember the samples before it, so after a change ends they stay high for ten samples
     * or more; they keep an anomaly going only while the sample backs them (on the mean's side and at least
     * {@link #SHIFT_SUPPORT} of it; itself unusual), or an anomaly would outlast its cause by that much.
     */
    double sustained() {
        return lastSustained;
    }

    /**
     * The smallest burst-rate spread that counts: a quarter of what one unusual sample adds to the rate. Without
     * it a series with no unusual residual while learning is surprised beyond measure by its first one.
     */
    private static final double BURST_FLOOR = 0.05;

    /** Which feature the last {@link #judge} found most surprising. */
    Feature lastFeature() {
        return lastFeature;
    }

    /** Takes the residual into the running features and learns it. */
    void learn(double r, double scale) {
        advance(r, scale);
        learnFeatures(Math.abs(r), runningMean, burstRate, r < 0);
    }

    /** Takes the residual into the running features but keeps it aside: it belongs to an anomaly. */
    void hold(double r, double scale) {
        advance(r, scale);
        if (pending == null) {
            pending = new float[3 * PENDING];
        }
        if (pendingCount < PENDING) {
            pending[3 * pendingCount] = (float) r;
            pending[3 * pendingCount + 1] = (float) runningMean;
            pending[3 * pendingCount + 2] = (float) burstRate;
            pendingCount++;
        }
    }

    /**
     * The anomaly ended without a lasting change: what was held is learned now, so a spike that recurs becomes
     * normal (the level and spread of the predictor never learned it).
     */
    void release() {
        for (int i = 0; i < pendingCount; i++) {
            float r = pending[3 * i];
            learnFeatures(Math.abs(r), pending[3 * i + 1], pending[3 * i + 2], r < 0);
        }
        pendingCount = 0;
    }

    /** The anomaly was a lasting change and the predictor adopted it: its residuals describe nothing now. */
    void discard() {
        pendingCount = 0;
        runningMean = 0;
    }

    /** The residual at which a single value's surprise reaches {@code s}, above or below. */
    double deviationAt(double s, boolean above, double floor) {
        return (above ? pointUp : pointDown).deviationAt(s, floor);
    }

    private void advance(double r, double scale) {
        runningMean += MEAN_WEIGHT * (r - runningMean);
        burstRate += BURST_WEIGHT * ((Math.abs(r) > BURST_SPREADS * scale ? 1 : 0) - burstRate);
    }

    private void learnFeatures(double absResidual, double mean, double rate, boolean below) {
        (below ? pointDown : pointUp).learn(absResidual);
        (mean < 0 ? shiftDown : shiftUp).learn(Math.abs(mean));
        burst.learn(rate);
    }

    BaselineState.View state() {
        return new BaselineState.View(runningMean, burstRate, List.of(pointUp.state(), pointDown.state(), shiftUp.state(),
                shiftDown.state(), burst.state()));
    }

    void restore(BaselineState.View s) {
        if (s.calibrators().size() != 5) {
            throw new IllegalArgumentException("residual view state has " + s.calibrators().size()
                    + " calibrators, expected 5");
        }
        runningMean = s.runningMean();
        burstRate = s.burstRate();
        pointUp.restore(s.calibrators().get(0));
        pointDown.restore(s.calibrators().get(1));
        shiftUp.restore(s.calibrators().get(2));
        shiftDown.restore(s.calibrators().get(3));
        burst.restore(s.calibrators().get(4));
    }
}
