package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;
import java.util.Arrays;

/**
 * Everything the baseline detector knows about one series, and the rules that turn a sample into a
 * {@link Reading}. Two predictors run side by side, the running {@link LevelModel} and the
 * {@link DailyProfile}; the profile is used where it predicts clearly better (a series that has a daily
 * rhythm). The residual of the one used is judged by its {@link ResidualView}. A surprise above the threshold
 * opens an anomaly; while it lasts nothing is learned, so the baseline cannot drift towards it; calm samples
 * close it, and what it held is learned then; a change that stays on one side for long enough is adopted as
 * the new level. Pure computation, constant work per sample. Not thread-safe.
 */
public final class SeriesModel {
    /**
     * Samples that seed level and spread (median and median absolute deviation) before anything is judged: the
     * last this many before the settings' settle time, when that is later.
     */
    public static final int WARM_UP = 10;
    /** The profile replaces the level where its recent error is below this fraction of the level's. */
    static final double DAILY_BETTER = 0.7;
    /**
     * A sample this share of the threshold surprising, and at least {@link #SUSPECT_DECADES}, is held back from
     * learning (see {@link Suspicion}): the start of a burn is caught by half the threshold.
     */
    static final double SUSPECT_FRACTION = 0.5;
    /**
     * Only samples rarer than one in a thousand are held: holding delays learning, and a slow series' half
     * threshold (1.5 decades for a five-minute series) would hold one sample in thirty, its ordinary variation.
     */
    static final double SUSPECT_DECADES = 3;
    /** Calm samples in a row that close an anomaly. */
    public static final int QUIET_SAMPLES = 5;
    /** A one-sided anomaly is adopted after this many samples and {@link #ADOPT_MILLIS}, whichever is later. */
    public static final int ADOPT_SAMPLES = 30;
    public static final long ADOPT_MILLIS = 10 * 60_000L;
    /** Without a unit, the smallest spread that counts is this fraction of the series' own magnitude. */
    static final double RELATIVE_FLOOR = 1e-3;
    /** Keeps a series of zeros from dividing by zero; far below any unit's resolution. */
    static final double NUMERICAL_FLOOR = 1e-9;
    /** Extremes are remembered for this many learning periods (at least {@link #MIN_HORIZON} samples). */
    static final int HORIZON_LEARNING_PERIODS = 2;
    static final long MIN_HORIZON = 1000;
    /** Beyond this nothing is more surprising; keeps the score below 1. */
    static final double MAX_SURPRISE = 1e6;
    /** Learned samples at which confidence is one half. */
    static final double CONFIDENCE_HALF = 30;
    private static final double MAD_TO_MEAN_DEVIATION = 1.183;

    private final BaselineSettings settings;
    private final SamplingRate rate;
    private final LevelModel level = new LevelModel();
    private final DailyProfile daily;
    private final ResidualView levelView;
    private final ResidualView dailyView;
    private final Episode episode = new Episode();
    private final Suspicion suspicion = new Suspicion();
    private final double[] warm = new double[WARM_UP];
    private long firstSeen;
    private long lastSeen;
    private long samples;
    private long learned;
    private boolean warmedUp;
    private boolean neverNegative = true;

    public SeriesModel(BaselineSettings settings) {
        this.settings = settings;
        this.rate = new SamplingRate(settings.nominalInterval().toMillis() / 1000.0);
        this.daily = new DailyProfile(settings.zone().getTotalSeconds() * 1000L);
        long horizon = horizon(settings);
        this.levelView = new ResidualView(horizon);
        this.dailyView = new ResidualView(horizon);
    }

    static long horizon(BaselineSettings s) {
        long byTime = s.learningPeriod().toMillis() / Math.max(1, s.nominalInterval().toMillis());
        return Math.max(MIN_HORIZON, HORIZON_LEARNING_PERIODS * Math.max(s.learningSamples(), byTime));
    }

    public Reading process(long t, double x) {
        if (warmedUp && t < settings.settleUntilMillis()) {
            return Reading.WARMING_UP; // a restored baseline waits out the daemon's start before it judges again
        }
        boolean judging = ready();
        rate.observe(t);
        if (samples == 0) {
            firstSeen = t;
        }
        lastSeen = Math.max(lastSeen, t);
        samples++;
        neverNegative &= x >= 0;
        if (!warmedUp) {
            warm[(int) ((samples - 1) % WARM_UP)] = x; // the last WARM_UP samples, in any order
            if (samples >= WARM_UP && t >= settings.settleUntilMillis()) {
                start();
            }
            return Reading.WARMING_UP;
        }
        long slot = daily.slotAt(t);
        double levelExpected = level.expected();
        boolean dailyKnows = daily.knows(slot);
        double dailyExpected = dailyKnows ? daily.expected(slot) : levelExpected;
        boolean useDaily = dailyKnows && prefersDaily();
        double expected = useDaily ? dailyExpected : levelExpected;
        double floor = useDaily ? dailyFloor() : levelFloor();
        double scale = useDaily ? daily.scale(floor) : level.scale(floor);
        ResidualView view = useDaily ? dailyView : levelView;
        double r = x - expected;
        double s = Math.min(view.judge(r, scale, floor), MAX_SURPRISE);
        if (judging && episode.isOpen()) {
            s = Math.min(view.sustained(), MAX_SURPRISE); // an open anomaly goes on only on what this sample shows
        }
        double threshold = threshold();
        double[] band = band(expected, view, floor, threshold);
        Reading.Kind kind;
        if (!judging) {
            learn(slot, x, levelExpected, dailyKnows, dailyExpected);
            kind = Reading.Kind.LEARNING;
        } else if (!episode.isOpen()) {
            boolean suspicious = s >= Math.max(SUSPECT_FRACTION * threshold, SUSPECT_DECADES);
            if (s >= threshold) {
                suspicion.clear(false); // what it held belongs to the anomaly now
                episode.open(t, r);
                hold(x, levelExpected, dailyKnows, dailyExpected);
                kind = Reading.Kind.ANOMALOUS;
            } else if (suspicious && suspicion.admits()) {
                suspicion.add(slot, x);
                hold(x, levelExpected, dailyKnows, dailyExpected);
                kind = Reading.Kind.NORMAL;
            } else {
                learnSuspicion(suspicious);
                learn(slot, x, levelExpected, dailyKnows, dailyExpected);
                kind = Reading.Kind.NORMAL;
            }
        } else if (s >= SurpriseScale.CONTINUE_FRACTION * threshold) {
            episode.extend(r, x - levelExpected, x - dailyExpected);
            hold(x, levelExpected, dailyKnows, dailyExpected);
            if (episode.lasting(t, ADOPT_SAMPLES, ADOPT_MILLIS)) {
                adopt();
                kind = Reading.Kind.ADOPTED;
            } else {
                kind = Reading.Kind.ANOMALOUS;
            }
        } else {
            learn(slot, x, levelExpected, dailyKnows, dailyExpected);
            if (episode.calm(QUIET_SAMPLES)) {
                episode.close();
                levelView.release();
                dailyView.release();
                kind = Reading.Kind.CALMED;
            } else {
                kind = Reading.Kind.NORMAL;
            }
        }
        double confidence = learned / (learned + CONFIDENCE_HALF);
        return new Reading(kind, s, SurpriseScale.score(s, threshold), confidence, band[0], band[1], view.lastFeature(),
                r > 0, useDaily);
    }

    /** The band expected at {@code t} for one value; NaNs while warming up. */
    public double[] expectedBand(long t) {
        if (!warmedUp) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long slot = daily.slotAt(t);
        boolean useDaily = daily.knows(slot) && prefersDaily();
        double expected = useDaily ? daily.expected(slot) : level.expected();
        double floor = useDaily ? dailyFloor() : levelFloor();
        return band(expected, useDaily ? dailyView : levelView, floor, threshold());
    }

    /**
     * What one value may do without opening an anomaly, clamped to what is possible: the unit's range, and
     * for a series without a unit that has never gone below zero, zero.
     */
    private double[] band(double expected, ResidualView view, double floor, double threshold) {
        ValueRange range = settings.range();
        double low = range.clamp(expected - view.deviationAt(threshold, false, floor));
        double high = range.clamp(expected + view.deviationAt(threshold, true, floor));
        if (range.equals(ValueRange.ANY) && neverNegative) {
            low = Math.max(0, low);
            high = Math.max(0, high);
        }
        return new double[] {Math.min(low, high), Math.max(low, high)};
    }

    /** True once the learning period has passed: verdicts can be anomalous. */
    public boolean ready() {
        return warmedUp && samples >= settings.learningSamples()
                && lastSeen - firstSeen >= settings.learningPeriod().toMillis();
    }

    public boolean warmedUp() {
        return warmedUp;
    }

    /** Decades of surprise that open an anomaly, for this series' sampling rate and its share of the budget. */
    public double threshold() {
        return SurpriseScale.threshold(rate.samplesPerDay(), settings.budget().perSeriesPerDay());
    }

    private boolean prefersDaily() {
        return daily.error() >= 0 && level.error() > 0 && daily.error() < DAILY_BETTER * level.error();
    }

    private double levelFloor() {
        return floor(level.expected());
    }

    private double dailyFloor() {
        return floor(daily.offset());
    }

    /** The unit's smallest spread, else a thousandth of the level, never below a numerical guard. */
    private double floor(double level) {
        return Math.max(settings.floor(), Math.max(RELATIVE_FLOOR * Math.abs(level), NUMERICAL_FLOOR));
    }

    private void learn(long slot, double x, double levelExpected, boolean dailyKnows, double dailyExpected) {
        double lf = levelFloor();
        double df = dailyFloor();
        levelView.learn(x - levelExpected, level.scale(lf));
        if (dailyKnows) {
            dailyView.learn(x - dailyExpected, daily.scale(df));
        }
        level.learn(x, lf);
        daily.learn(slot, x, df);
        learned++;
    }

    /**
     * Learns what a suspicion held, as it would have been learned had it not been held; {@code stillSuspicious}
     * when the sample that ends it is itself unusual (the run ran out of room).
     */
    private void learnSuspicion(boolean stillSuspicious) {
        if (suspicion.size() > 0) {
            levelView.release();
            dailyView.release();
            for (int i = 0; i < suspicion.size(); i++) {
                level.learn(suspicion.value(i), levelFloor());
                daily.learn(suspicion.slot(i), suspicion.value(i), dailyFloor());
                learned++;
            }
        }
        suspicion.clear(stillSuspicious);
    }

    private void hold(double x, double levelExpected, boolean dailyKnows, double dailyExpected) {
        levelView.hold(x - levelExpected, level.scale(levelFloor()));
        if (dailyKnows) {
            dailyView.hold(x - dailyExpected, daily.scale(dailyFloor()));
        }
    }

    private void adopt() {
        level.shift(episode.levelShift());
        daily.shift(episode.dailyShift());
        levelView.discard();
        dailyView.discard();
        episode.close();
    }

    private void start() {
        double[] sorted = warm.clone();
        Arrays.sort(sorted);
        double median = sorted[WARM_UP / 2];
        double[] deviations = new double[WARM_UP];
        for (int i = 0; i < WARM_UP; i++) {
            deviations[i] = Math.abs(warm[i] - median);
        }
        Arrays.sort(deviations);
        double spread = deviations[WARM_UP / 2] * MAD_TO_MEAN_DEVIATION;
        if (spread == 0) {
            spread = Arrays.stream(deviations).average().orElse(0);
        }
        level.start(median, spread);
        daily.start(median, spread);
        warmedUp = true;
    }

    public BaselineState state() {
        return new BaselineState(BaselineState.CURRENT_VERSION, firstSeen, lastSeen, samples, learned, rate.seconds(),
                level.state(), daily.state(), levelView.state(), dailyView.state());
    }

    /** Continues from a persisted state: warmed up, the learning period kept as it was. */
    public void restore(BaselineState s) {
        if (s.version() != BaselineState.CURRENT_VERSION) {
            throw new IllegalArgumentException("baseline state version " + s.version() + " is not supported");
        }
        firstSeen = s.firstSeenMillis();
        lastSeen = s.lastSeenMillis();
        samples = s.samples();
        learned = s.learned();
        rate.restore(s.intervalSeconds());
        level.restore(s.level());
        daily.restore(s.daily());
        levelView.restore(s.levelView());
        dailyView.restore(s.dailyView());
        warmedUp = true;
    }
}
