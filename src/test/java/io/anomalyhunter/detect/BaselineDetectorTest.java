package io.anomalyhunter.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.Sensitivity;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaselineDetectorTest {
    private static final int DAY = 1440;
    private static final int LEARN_DAYS = 7;
    private static final int INJECT_AT = 10 * DAY + 600; // day 11, 10:00, a weekday
    private static final int WITHIN = 5;

    private static BaselineDetector detector(Sensitivity s) {
        return new BaselineDetector(new BaselineSettings(Duration.ofDays(LEARN_DAYS), Sensitivities.of(s), 0.01,
                ZoneOffset.UTC));
    }

    /** Feeds the normal series up to {@code until} and returns the minutes flagged anomalous. */
    private static List<Integer> feedNormal(BaselineDetector d, SyntheticSeries s, int until) {
        List<Integer> flagged = new ArrayList<>();
        for (int m = 0; m < until; m++) {
            if (d.process(SyntheticSeries.at(m), s.value(m, 1)).anomalous()) {
                flagged.add(m);
            }
        }
        return flagged;
    }

    @ParameterizedTest
    @EnumSource(Sensitivity.class)
    void normalDailyPatternRaisesNothingAfterLearning(Sensitivity sensitivity) {
        BaselineDetector d = detector(sensitivity);
        List<Integer> flagged = feedNormal(d, new SyntheticSeries(1), 21 * DAY);
        // High (3.5 sigma) expects about one Gaussian false flag per 2,000 samples, ~10 in these two weeks;
        // low and medium must stay silent.
        int allowed = sensitivity == Sensitivity.HIGH ? 20 : 0;
        assertTrue(flagged.size() <= allowed, sensitivity + " flagged normal minutes " + flagged);
    }

    @Test
    void staysSilentDuringLearningPeriodEvenForAHugeSpike() {
        BaselineDetector d = detector(Sensitivity.HIGH);
        SyntheticSeries s = new SyntheticSeries(2);
        for (int m = 0; m < LEARN_DAYS * DAY; m++) {
            double v = m == 3 * DAY ? 10_000 : s.value(m, 1);
            Verdict verdict = d.process(SyntheticSeries.at(m), v);
            assertFalse(verdict.anomalous(), "anomalous while learning at minute " + m);
        }
        assertFalse(d.ready());
        d.process(SyntheticSeries.at(LEARN_DAYS * DAY), s.value(LEARN_DAYS * DAY, 1));
        assertTrue(d.ready());
    }

    @Test
    void flagsLevelShiftWithinAFewSamples() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(3);
        feedNormal(d, s, INJECT_AT);
        int firstFlag = -1;
        for (int m = INJECT_AT; m < INJECT_AT + 60 && firstFlag < 0; m++) {
            if (d.process(SyntheticSeries.at(m), s.value(m, 1) + 8 * SyntheticSeries.NOISE).anomalous()) {
                firstFlag = m;
            }
        }
        assertTrue(firstFlag >= 0 && firstFlag < INJECT_AT + WITHIN, "level shift first flagged at " + firstFlag);
    }

    @Test
    void flagsSpikeAtTheSpike() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(4);
        feedNormal(d, s, INJECT_AT);
        Verdict v = d.process(SyntheticSeries.at(INJECT_AT), s.value(INJECT_AT, 1) + 15 * SyntheticSeries.NOISE);
        assertTrue(v.anomalous(), "spike not flagged: " + v);
        assertEquals("above expected", v.reason());
        assertTrue(v.score() > 0.9 && v.confidence() > 0.5, v.toString());
        assertTrue(v.expectedHigh() < s.value(INJECT_AT, 0) + 15 * SyntheticSeries.NOISE, "band should exclude the spike");
    }

    @Test
    void flagsDropBelowExpected() {
        BaselineDetector d = detector(Sensitivity.MEDIUM);
        SyntheticSeries s = new SyntheticSeries(5);
        feedNormal(d, s, INJECT_AT);
        Verdict v = d.process(SyntheticSeries.at(INJECT_AT), s.value(INJECT_AT, 1) - 15 * SyntheticSeries.NOISE);
        assertTrue(v.anomalous());
        assertEquals("below expected", v.reason());
    }

    @Test
    void flagsVarianceChangeWithinAFewSamples() {
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
        BaselineDetector restored = new BaselineDetector(
                new BaselineSettings(Duration.ofDays(LEARN_DAYS), Sensitivities.of(Sensitivity.MEDIUM), 0.01, ZoneOffset.UTC),
                mapper.fromBytes(mapper.toBytes(d.state())));
        assertTrue(restored.ready());
        assertFalse(restored.process(SyntheticSeries.at(INJECT_AT), s.value(INJECT_AT, 1)).anomalous());
        assertTrue(restored.process(SyntheticSeries.at(INJECT_AT + 1), s.value(INJECT_AT + 1, 1) + 30).anomalous());
    }

    @Test
    void aStartUpBurstDoesNotWidenTheBandForGood() {
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(20),
                Sensitivities.of(Sensitivity.MEDIUM), 2.0, ZoneOffset.UTC));
        double[] cpu = {95, 90, 60, 3, 2, 4, 3, 2, 3, 4, 2, 3, 3, 4, 2, 3, 2, 3, 4, 3, 3, 2, 4, 3, 3};
        for (int i = 0; i < cpu.length; i++) {
            d.process(SyntheticSeries.MONDAY.plusSeconds(i), cpu[i]);
        }
        Verdict burn = d.process(SyntheticSeries.MONDAY.plusSeconds(cpu.length), 100);
        assertTrue(burn.anomalous(), "a CPU burner after a noisy start must be flagged: " + burn);
    }
}
