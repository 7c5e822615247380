package io.anomalyhunter.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.Sensitivity;
import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.SeriesModel;
import io.anomalyhunter.detect.baseline.ValueRange;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The baseline detector on seeded synthetic series: what it flags, when, for how long, and what it learns. */
class BaselineDetectorTest {
    private static final int DAY = 1440;
    private static final int LEARN_DAYS = 7;
    private static final int INJECT_AT = 10 * DAY + 600; // day 11, 10:00, a weekday

    private static BaselineDetector detector(Sensitivity s) {
        return new BaselineDetector(settings(Duration.ofDays(LEARN_DAYS), Duration.ofMinutes(1), s));
    }

    static BaselineSettings settings(Duration learning, Duration interval, Sensitivity s) {
        return new BaselineSettings(learning, 0, interval, FalseAlarmBudget.fixed(Sensitivities.falseAlarmsPerDay(s)),
                ValueRange.ANY, 0, ZoneOffset.UTC);
    }

    /** Feeds the normal series up to {@code until}; returns the minutes at which anomalies opened. */
    private static List<Integer> feedNormal(BaselineDetector d, SyntheticSeries s, int until) {
        List<Integer> opened = new ArrayList<>();
        boolean open = false;
        for (int m = 0; m < until; m++) {
            Verdict v = d.process(SyntheticSeries.at(m), s.value(m, 1));
            if (v.anomalous() && !open) {
                opened.add(m);
            }
            open = v.anomalous() || (open && !v.settles());
        }
        return opened;
    }

    @ParameterizedTest
    @EnumSource(Sensitivity.class)
    void normalDailyPatternRaisesAboutItsBudgetOfFalseAlarmsAfterLearning(Sensitivity sensitivity) {
        BaselineDetector d = detector(sensitivity);
        List<Integer> opened = feedNormal(d, new SyntheticSeries(1), 21 * DAY);
        // Two weeks judged; the budget is 0.1 / 0.3 / 1 false alarms a day. Allow twice the budget and a few.
        double allowed = 2 * 14 * Sensitivities.falseAlarmsPerDay(sensitivity) + 2;
        assertTrue(opened.size() <= allowed, sensitivity + ": anomalies opened at minutes " + opened);
    }

    @Test
    void staysSilentDuringLearningPeriodEvenForAHugeSpike() {
        BaselineDetector d = detector(Sensitivity.HIGH);
        SyntheticSeries s = new SyntheticSeries(2);
        for (int m = 0; m < LEARN_DAYS * DAY; m++) {
            double v = m == 3 * DAY ? 10_000 : s.value(m, 1);
            assertFalse(d.process(SyntheticSeries.at(m), v).anomalous(), "anomalous while learning at minute " + m);
        }
        assertFalse(d.ready());
        d.process(SyntheticSeries.at(LEARN_DAYS * DAY), s.value(LEARN_DAYS * DAY, 1));
        assertTrue(d.ready());
    }

    @Test
    void flagsALastingLevelShiftAtOnceThenAdoptsItWithinTheBound() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(3);
        feedNormal(d, s, INJECT_AT);
        double shift = 10 * SyntheticSeries.NOISE;
        int first = -1;
        int settled = -1;
        for (int m = INJECT_AT; m < INJECT_AT + 120 && settled < 0; m++) {
            Verdict v = d.process(SyntheticSeries.at(m), s.value(m, 1) + shift);
            if (v.anomalous() && first < 0) {
                first = m;
            }
            if (first >= 0 && v.settles()) {
                settled = m;
                assertTrue(v.reason().contains("adopted"), v.reason());
            }
        }
        assertTrue(first >= INJECT_AT && first < INJECT_AT + 3, "shift first flagged at " + first);
        // The bound: SeriesModel.ADOPT_SAMPLES samples and ADOPT_MILLIS, whichever is later, plus the onset.
        long bound = Math.max(SeriesModel.ADOPT_SAMPLES, SeriesModel.ADOPT_MILLIS / 60_000) + 1;
        assertTrue(settled > first && settled - first <= bound, "adopted " + (settled - first) + " samples after onset");
        List<Integer> after = new ArrayList<>();
        for (int m = settled + 1; m < settled + 2 * DAY; m++) {
            if (d.process(SyntheticSeries.at(m), s.value(m, 1) + shift).anomalous()) {
                after.add(m);
            }
        }
        assertTrue(after.size() <= 3, "the adopted level is normal now, yet flagged at " + after);
    }

    @Test
    void flagsSpikeAtTheSpikeAndDropBelow() {
        for (int sign : new int[] {1, -1}) {
            BaselineDetector d = detector(Sensitivity.MEDIUM);
            SyntheticSeries s = new SyntheticSeries(4);
            feedNormal(d, s, INJECT_AT);
            double v = s.value(INJECT_AT, 0) + sign * 15 * SyntheticSeries.NOISE;
            Verdict verdict = d.process(SyntheticSeries.at(INJECT_AT), v);
            assertTrue(verdict.anomalous(), "spike not flagged: " + verdict);
            assertTrue(verdict.reason().startsWith(sign > 0 ? "above expected" : "below expected"), verdict.reason());
            assertTrue(verdict.score() > 0.5 && verdict.confidence() > 0.5, verdict.toString());
            assertTrue(sign > 0 ? verdict.expectedHigh() < v : verdict.expectedLow() > v, "band should exclude it: " + verdict);
        }
    }

    @Test
    void flagsAVarianceIncreaseWithinAFewSamples() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(6);
        feedNormal(d, s, INJECT_AT);
        int firstFlag = -1;
        for (int m = INJECT_AT; m < INJECT_AT + 60 && firstFlag < 0; m++) {
            if (d.process(SyntheticSeries.at(m), s.value(m, 5)).anomalous()) {
                firstFlag = m;
            }
        }
        assertTrue(firstFlag >= 0 && firstFlag < INJECT_AT + 10, "variance change first flagged at " + firstFlag);
    }

    @Test
    void followsTheDailyPatternRatherThanTheDailyMean() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        feedNormal(d, new SyntheticSeries(7), INJECT_AT);
        // At 06:00 the pattern peaks at LEVEL + AMPLITUDE; the daily mean (LEVEL) would be far outside the band.
        double[] band = d.expectedBand(SyntheticSeries.at(11 * DAY + 360));
        assertTrue(band[0] > SyntheticSeries.LEVEL, "band at the daily peak: " + band[0] + ".." + band[1]);
    }

    @Test
    void restoredDetectorNeedsNoNewLearningAndStillDetects() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(8);
        feedNormal(d, s, INJECT_AT);
        BaselineStateMapper mapper = new BaselineStateMapper();
        BaselineDetector restored = new BaselineDetector(settings(Duration.ofDays(LEARN_DAYS), Duration.ofMinutes(1),
                Sensitivity.MEDIUM), mapper.fromBytes(mapper.toBytes(d.state())));
        assertTrue(restored.ready());
        assertFalse(restored.process(SyntheticSeries.at(INJECT_AT), s.value(INJECT_AT, 1)).anomalous());
        assertTrue(restored.process(SyntheticSeries.at(INJECT_AT + 1), s.value(INJECT_AT + 1, 0) + 40).anomalous());
    }

    @Test
    void scoresRiseWithSurpriseAndDoNotTie() {
        double previous = 0;
        for (double size : new double[] {20, 40, 80, 160, 320, 640}) {
            BaselineDetector d = detector(Sensitivity.MEDIUM);
            SyntheticSeries s = new SyntheticSeries(9);
            feedNormal(d, s, INJECT_AT);
            Verdict v = d.process(SyntheticSeries.at(INJECT_AT), s.value(INJECT_AT, 0) + size);
            assertTrue(v.anomalous() && v.score() > previous && v.score() < 1,
                    "spike of " + size + " scored " + v.score() + " after " + previous);
            previous = v.score();
        }
    }

    /**
     * The anomaly ends with its cause: the first quiet sample after the burn is no longer anomalous, and the
     * anomaly settles after the calm samples the model waits for, however quiet the host was before (on a very
     * quiet host the running mean and the burst rate, which remember the burn, kept it open 13 s longer).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 2})
    void aBurnStaysAnomalousWhileItLastsAndEndsWithIt(double quietSpread) {
        // Host CPU at one sample a second: a minute of learning, five quiet minutes, a minute at 100 %.
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC));
        Random r = new Random(10);
        Instant t0 = SyntheticSeries.MONDAY;
        int t = 0;
        for (; t < 360; t++) {
            assertFalse(d.process(t0.plusSeconds(t), Math.abs(3 + r.nextGaussian() * quietSpread)).anomalous(),
                    "quiet second " + t);
        }
        for (int burn = 0; burn < 60; burn++, t++) {
            Verdict v = d.process(t0.plusSeconds(t), 99 + r.nextDouble());
            assertTrue(v.anomalous(), "burn second " + burn + ": " + v);
            assertTrue(v.expectedHigh() <= 100 && v.expectedLow() >= 0, v.toString());
        }
        int end = -1;
        for (int after = 0; after < 20 && end < 0; after++, t++) {
            Verdict v = d.process(t0.plusSeconds(t), Math.abs(3 + r.nextGaussian() * quietSpread));
            assertFalse(v.anomalous(), "quiet again, second " + after + ": " + v);
            if (v.settles()) {
                end = after;
            }
        }
        assertEquals(SeriesModel.QUIET_SAMPLES - 1, end, "the anomaly settled " + end + " s after the burn");
    }

    @Test
    void aStartUpBurstDoesNotHideABurnLater() {
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(20), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3), ValueRange.PERCENT, 2.0, ZoneOffset.UTC));
        double[] cpu = {95, 90, 60, 3, 2, 4, 3, 2, 3, 4, 2, 3, 3, 4, 2, 3, 2, 3, 4, 3, 3, 2, 4, 3, 3, 2, 3, 4, 3, 2};
        for (int i = 0; i < cpu.length; i++) {
            d.process(SyntheticSeries.MONDAY.plusSeconds(i), cpu[i]);
        }
        Verdict burn = d.process(SyntheticSeries.MONDAY.plusSeconds(cpu.length), 100);
        assertTrue(burn.anomalous(), "a CPU burner after a noisy start must be flagged: " + burn);
        assertEquals("above expected", burn.reason());
    }

    /** Host CPU a second at a time: the daemon's start spikes at 12, 18 and 25 s, then quiet, then a burn at 100 %. */
    private static Verdict burnAfterSpikyStart(long settleSeconds) {
        Instant t0 = SyntheticSeries.MONDAY;
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC,
                t0.plusSeconds(settleSeconds).toEpochMilli()));
        Random r = new Random(11);
        int t = 0;
        for (; t < 360; t++) {
            double v = t == 12 || t == 18 || t == 25 ? 96 : Math.abs(3 + r.nextGaussian());
            assertFalse(d.process(t0.plusSeconds(t), v).anomalous(), "second " + t);
        }
        return d.process(t0.plusSeconds(t), 99);
    }

    /**
     * What a clean-clone CI's CpuBurnerIT met twice: spikes of the daemon's own start after the ten warm-up samples
     * were learned as the largest deviations of a minute's learning, and a burn at 100 % was within them. Samples
     * before the settle time only seed the robust warm-up.
     */
    @Test
    void spikesOfTheDaemonsStartBeforeTheSettleTimeDoNotHideABurn() {
        assertFalse(burnAfterSpikyStart(0).anomalous(), "learned, the start's spikes hide the burn (the case settling is for)");
        Verdict burn = burnAfterSpikyStart(30);
        assertTrue(burn.anomalous(), burn.toString());
    }

    @Test
    void aRestoredBaselineJudgesNothingBeforeTheSettleTime() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(8);
        feedNormal(d, s, INJECT_AT);
        BaselineSettings learned = settings(Duration.ofDays(LEARN_DAYS), Duration.ofMinutes(1), Sensitivity.MEDIUM);
        BaselineDetector restored = new BaselineDetector(new BaselineSettings(learned.learningPeriod(), 0,
                learned.nominalInterval(), learned.budget(), learned.range(), learned.floor(), learned.zone(),
                SyntheticSeries.at(INJECT_AT + 2).toEpochMilli()), d.state());
        assertFalse(restored.process(SyntheticSeries.at(INJECT_AT + 1), s.value(INJECT_AT + 1, 0) + 400).anomalous(),
                "the daemon's start is not judged");
        assertTrue(restored.process(SyntheticSeries.at(INJECT_AT + 2), s.value(INJECT_AT + 2, 0) + 400).anomalous());
    }

    /**
     * Host CPU as clean-clone CI's CpuBurnerIT recorded it with the host model off: a minute of learning, quiet
     * minutes with spikes to 9-16 % and one burst to 26 %, then a burn whose first second reads 69 %. Learned at
     * once, that first second widened the very tail judging the burn, and each following second at 100 % was
     * judged against the one before and learned in turn: the burn opened no anomaly in a minute.
     */
    @Test
    void theFirstSecondOfABurnIsNotLearnedBeforeTheBurnIsJudged() {
        Instant t0 = SyntheticSeries.MONDAY;
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC, t0.plusSeconds(30).toEpochMilli()));
        java.util.Map<Integer, Double> spikes = java.util.Map.ofEntries(java.util.Map.entry(0, 82.0),
                java.util.Map.entry(59, 12.0), java.util.Map.entry(146, 13.0), java.util.Map.entry(170, 14.0),
                java.util.Map.entry(190, 16.0), java.util.Map.entry(194, 9.0), java.util.Map.entry(195, 11.0),
                java.util.Map.entry(302, 20.0), java.util.Map.entry(303, 24.0), java.util.Map.entry(304, 26.0),
                java.util.Map.entry(305, 15.0), java.util.Map.entry(308, 19.0), java.util.Map.entry(345, 14.0));
        Random r = new Random(12);
        int t = 0;
        for (; t < 361; t++) {
            double v = spikes.getOrDefault(t, Math.abs(3 + r.nextGaussian()));
            assertFalse(d.process(t0.plusSeconds(t), v).anomalous(), "quiet second " + t);
        }
        List<Verdict> burn = new ArrayList<>();
        burn.add(d.process(t0.plusSeconds(t++), 69));
        for (int i = 0; i < 9; i++) {
            burn.add(d.process(t0.plusSeconds(t++), 100));
        }
        assertTrue(burn.get(1).anomalous() || burn.get(2).anomalous(), "the burn is flagged within 2 s: " + burn);
    }

    /** A sample unusual enough to be held back, followed by calm ones, is learned late: the same spike again surprises less. */
    @Test
    void anUnusualSampleThatPassesIsLearnedAfterAll() {
        Instant t0 = SyntheticSeries.MONDAY;
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC));
        Random r = new Random(13);
        int t = 0;
        for (; t < 600; t++) {
            double v = t % 50 == 25 ? 12 : Math.abs(3 + r.nextGaussian());
            d.process(t0.plusSeconds(t), v);
        }
        Verdict first = d.process(t0.plusSeconds(t++), 30);
        assertFalse(first.anomalous(), first.toString());
        assertTrue(first.score() >= 0.25, "the spike must be unusual enough to be held back: " + first);
        for (int i = 0; i < 10; i++) {
            d.process(t0.plusSeconds(t++), Math.abs(3 + r.nextGaussian()));
        }
        Verdict again = d.process(t0.plusSeconds(t), 30);
        assertTrue(again.score() < first.score(), "learned after the calm: " + first + " then " + again);
    }

    /**
     * Four seconds at 60 % during a minute's learning, then quiet minutes, then a burn. The running mean's decay after
     * those four seconds filled the shift view's records and stretched the spread its tail was extrapolated with, and
     * the burn was not flagged in a minute (seeds 1-4). The shift view keeps one record per excursion now.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void aFewSecondsAt60PercentInLearningDoNotHideABurn(long seed) {
        Instant t0 = SyntheticSeries.MONDAY;
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3 / 100), ValueRange.PERCENT, 2.0, ZoneOffset.UTC));
        Random r = new Random(seed);
        int t = 0;
        for (; t < 360; t++) {
            double v = t >= 30 && t < 34 ? 60 : Math.abs(3 + r.nextGaussian());
            assertFalse(d.process(t0.plusSeconds(t), v).anomalous(), "quiet second " + t);
        }
        int flagged = -1;
        for (int burn = 0; burn < 60; burn++, t++) {
            Verdict v = d.process(t0.plusSeconds(t), 99 + r.nextDouble());
            if (v.anomalous() && flagged < 0) {
                flagged = burn;
            }
            if (flagged >= 0) {
                assertTrue(v.anomalous(), "open for the whole burn, second " + burn + ": " + v);
            }
        }
        assertTrue(flagged >= 0 && flagged < 10, "the burn is flagged within 10 s, was at second " + flagged);
    }
}
