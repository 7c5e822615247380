package io.anomalyhunter.detect;

import io.anomalyhunter.detect.state.BaselineState;
import java.time.Instant;
import java.util.Arrays;

/**
 * A streaming seasonal baseline for one series. The day is cut into 96 quarter-hour slots, kept apart
 * for weekdays and weekends (192 slots); each slot keeps an EWMA of the value and of the absolute
 * deviation (a robust spread that, unlike the variance, one spike cannot blow up). A slot with few
 * samples leans on the series-wide figures. The first {@link #MIN_SAMPLES} values start the figures from
 * their median and median absolute deviation, so a burst at start-up (the daemon's own JIT warm-up, say)
 * does not inflate the spread for good. After that, values used for learning are clamped to 3 sigma of
 * what was expected so an anomaly teaches the baseline only slowly. A short EWMA of recent deviation
 * catches spread that grows without any single point going far.
 */
public final class BaselineDetector implements SeriesDetector {
    static final int SLOTS_PER_DAY = 96;
    static final int SLOT_SECONDS = 86_400 / SLOTS_PER_DAY;
    static final int SLOTS = 2 * SLOTS_PER_DAY;
    /** Samples before any verdict, however short the learning period. */
    static final int MIN_SAMPLES = 10;
    /** Median absolute deviation times this is the mean absolute deviation for Gaussian noise. */
    private static final double MAD_TO_DEV = 1.183;
    /** Mean absolute deviation times this is sigma for Gaussian noise. */
    private static final double DEV_TO_SIGMA = 1.2533;
    private static final double SLOT_MEAN_ALPHA = 0.05;
    // The spread adapts more slowly than the level: a noisy spread estimate moves the effective threshold.
    private static final double SLOT_DEV_ALPHA = 0.02;
    private static final double GLOBAL_ALPHA = 0.01;
    private static final double RECENT_ALPHA = 0.2;
    /** Pseudo-count that decides how fast a slot's own figures replace the series-wide ones. */
    private static final double SLOT_PRIOR = 5;
    private static final double LEARN_CLAMP_SIGMAS = 3;
    private static final double RECENT_CLAMP_SIGMAS = 6;

    private final long learningMillis;
    private final Sensitivities thresholds;
    private final double minScale;
    private final int offsetSeconds;

    private long firstSeen;
    private long lastSeen;
    private long samples;
    private double globalMean;
    private double globalDev;
    private double recentDev;
    private final double[] slotMean = new double[SLOTS];
    private final double[] slotDev = new double[SLOTS];
    private final long[] slotCount = new long[SLOTS];
    private final double[] warmup = new double[MIN_SAMPLES];
    private final int[] warmupSlots = new int[MIN_SAMPLES];

    public BaselineDetector(BaselineSettings settings) {
        this.learningMillis = settings.learningPeriod().toMillis();
        this.thresholds = settings.thresholds();
        this.minScale = settings.minScale();
        this.offsetSeconds = settings.zone().getTotalSeconds();
    }

    /** A detector that continues from a persisted state (no new learning period). */
    public BaselineDetector(BaselineSettings settings, BaselineState state) {
        this(settings);
        if (state.samples() < MIN_SAMPLES) {
            throw new IllegalArgumentException("baseline state has " + state.samples() + " samples; states are kept "
                    + "only after warm-up (" + MIN_SAMPLES + ")");
        }
        if (state.slotMean().length != SLOTS) {
            throw new IllegalArgumentException("baseline state has " + state.slotMean().length + " slots, expected " + SLOTS);
        }
        firstSeen = state.firstSeenMillis();
        lastSeen = state.lastSeenMillis();
        samples = state.samples();
        globalMean = state.globalMean();
        globalDev = state.globalDev();
        recentDev = state.recentDev();
        System.arraycopy(state.slotMean(), 0, slotMean, 0, SLOTS);
        System.arraycopy(state.slotDev(), 0, slotDev, 0, SLOTS);
        System.arraycopy(state.slotCount(), 0, slotCount, 0, SLOTS);
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public Verdict process(Instant time, double value) {
        long ms = time.toEpochMilli();
        int slot = slotOf(ms);
        if (samples < MIN_SAMPLES) {
            warmUp(slot, value, ms);
            return Verdict.NEUTRAL;
        }
        double w = slotCount[slot] / (slotCount[slot] + SLOT_PRIOR);
        double expected = w * slotMean[slot] + (1 - w) * globalMean;
        double sigma = sigma(slot, w);
        double diff = value - expected;
        double z = Math.abs(diff) / sigma;
        recentDev += RECENT_ALPHA * (Math.min(Math.abs(diff), RECENT_CLAMP_SIGMAS * sigma) - recentDev);
        double spreadRatio = recentDev * DEV_TO_SIGMA / sigma;
        boolean ready = ms - firstSeen >= learningMillis;
        learn(slot, value, expected, sigma, ms);

        double zt = thresholds.zThreshold();
        double low = expected - zt * sigma;
        double high = expected + zt * sigma;
        if (!ready) {
            return Verdict.learning(low, high);
        }
        double zSpread = spreadRatio * zt / thresholds.varianceRatio();
        double zEff = Math.max(z, zSpread);
        double score = 1 - Math.exp(-(zEff / 4) * (zEff / 4));
        double confidence = (samples / (samples + 20.0)) * (0.5 + 0.5 * w);
        if (z >= zt) {
            return new Verdict(true, score, confidence, low, high, diff > 0 ? "above expected" : "below expected");
        }
        if (spreadRatio >= thresholds.varianceRatio()) {
            return new Verdict(true, score, confidence, low, high, "variance up");
        }
        return Verdict.normal(score, confidence, low, high);
    }

    /** The band this detector currently expects at {@code time}, as {low, high}; NaNs during warm-up. */
    public double[] expectedBand(Instant time) {
        if (samples < MIN_SAMPLES) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int slot = slotOf(time.toEpochMilli());
        double w = slotCount[slot] / (slotCount[slot] + SLOT_PRIOR);
        double expected = w * slotMean[slot] + (1 - w) * globalMean;
        double band = thresholds.zThreshold() * sigma(slot, w);
        return new double[] {expected - band, expected + band};
    }

    /** True once the learning period has passed, i.e. verdicts can be anomalous. */
    public boolean ready() {
        return samples > MIN_SAMPLES && lastSeen - firstSeen >= learningMillis;
    }

    /** True once the warm-up samples have seeded the figures; only then is the state worth saving. */
    public boolean warmedUp() {
        return samples >= MIN_SAMPLES;
    }

    public BaselineState state() {
        return new BaselineState(BaselineState.CURRENT_VERSION, firstSeen, lastSeen, samples, globalMean, globalDev,
                recentDev, slotMean.clone(), slotDev.clone(), slotCount.clone());
    }

    private double sigma(int slot, double w) {
        return Math.max((w * slotDev[slot] + (1 - w) * globalDev) * DEV_TO_SIGMA, minScale);
    }

    /** Buffers the first samples; the last one seeds every figure from their median and MAD. */
    private void warmUp(int slot, double value, long ms) {
        if (samples == 0) {
            firstSeen = ms;
        }
        warmup[(int) samples] = value;
        warmupSlots[(int) samples] = slot;
        samples++;
        lastSeen = ms;
        if (samples < MIN_SAMPLES) {
            return;
        }
        double median = median(warmup.clone());
        double[] deviations = new double[MIN_SAMPLES];
        for (int i = 0; i < MIN_SAMPLES; i++) {
            deviations[i] = Math.abs(warmup[i] - median);
        }
        globalMean = median;
        globalDev = median(deviations) * MAD_TO_DEV;
        for (int i = 0; i < MIN_SAMPLES; i++) {
            int s = warmupSlots[i];
            slotMean[s] = median;
            slotDev[s] = globalDev;
            slotCount[s]++;
        }
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private void learn(int slot, double value, double expected, double sigma, long ms) {
        double bound = LEARN_CLAMP_SIGMAS * sigma;
        double x = Math.max(expected - bound, Math.min(expected + bound, value));
        long c = ++slotCount[slot];
        if (c == 1) {
            slotMean[slot] = x;
            slotDev[slot] = globalDev;
        } else {
            double devAlpha = Math.max(1.0 / c, SLOT_DEV_ALPHA);
            slotDev[slot] += devAlpha * (Math.abs(x - slotMean[slot]) - slotDev[slot]);
            slotMean[slot] += Math.max(1.0 / c, SLOT_MEAN_ALPHA) * (x - slotMean[slot]);
        }
        samples++;
        double ga = Math.max(1.0 / samples, GLOBAL_ALPHA);
        globalDev += ga * (Math.abs(x - globalMean) - globalDev);
        globalMean += ga * (x - globalMean);
        lastSeen = ms;
    }

    private int slotOf(long epochMillis) {
        long secs = Math.floorDiv(epochMillis, 1000L) + offsetSeconds;
        long day = Math.floorDiv(secs, 86_400L);
        int secondOfDay = (int) (secs - day * 86_400L);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; Monday is 0
        int slot = secondOfDay / SLOT_SECONDS;
        return dayOfWeek >= 5 ? SLOTS_PER_DAY + slot : slot;
    }
}
