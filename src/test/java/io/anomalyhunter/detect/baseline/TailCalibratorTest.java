package io.anomalyhunter.detect.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TailCalibratorTest {
    private static TailCalibrator gaussian(long seed, int n) {
        TailCalibrator c = new TailCalibrator(1000);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            c.learn(Math.abs(r.nextGaussian()));
        }
        return c;
    }

    @Test
    void surpriseGrowsWithTheDeviationAndNeverTies() {
        TailCalibrator c = gaussian(1, 2000);
        double previous = -1;
        for (double d = 0.5; d < 200; d *= 1.5) {
            double s = c.surprise(d, 1e-9);
            assertTrue(s >= previous, "surprise fell at " + d + ": " + s + " < " + previous);
            if (d > 6) {
                assertTrue(s > previous, "surprise tied at " + d);
            }
            previous = s;
        }
        assertTrue(c.surprise(10, 1e-9) > 5, "ten sigma of Gaussian noise is rare: " + c.surprise(10, 1e-9));
        assertTrue(c.surprise(1, 1e-9) < 1, "one sigma is not: " + c.surprise(1, 1e-9));
    }

    @Test
    void whatHappensOftenIsNotSurprisingHoweverLarge() {
        // Mostly quiet, but one sample in twenty jumps by about 100: a heavy-tailed series.
        TailCalibrator c = new TailCalibrator(1000);
        Random r = new Random(2);
        for (int i = 0; i < 2000; i++) {
            c.learn(i % 20 == 0 ? 100 + r.nextGaussian() * 10 : Math.abs(r.nextGaussian()));
        }
        assertTrue(c.surprise(100, 1e-9) < 2, "a jump that comes every twenty samples: " + c.surprise(100, 1e-9));
        assertTrue(c.surprise(300, 1e-9) > 3, "one three times bigger than any: " + c.surprise(300, 1e-9));
    }

    @Test
    void theBandEdgeIsWhereTheSurpriseReachesTheThreshold() {
        TailCalibrator c = gaussian(3, 3000);
        for (double s : new double[] {2, 3, 5, 8}) {
            double edge = c.deviationAt(s, 1e-9);
            assertTrue(c.surprise(edge * 1.001 + 1e-9, 1e-9) >= s - 1e-6, "at " + edge + " surprise "
                    + c.surprise(edge * 1.001, 1e-9) + " < " + s);
            assertTrue(c.surprise(edge * 0.9, 1e-9) < s, "just inside " + edge + " is already " + s);
        }
    }

    @Test
    void aSeriesThatNeverMovedIsBoundedByItsFloor() {
        TailCalibrator c = new TailCalibrator(1000);
        for (int i = 0; i < 500; i++) {
            c.learn(0);
        }
        double small = c.surprise(0.5, 1.0);
        double large = c.surprise(50, 1.0);
        assertTrue(Double.isFinite(small) && Double.isFinite(large) && large > small, small + " / " + large);
    }

    @Test
    void stateRoundTripGivesTheSameAnswers() {
        TailCalibrator c = gaussian(4, 1500);
        TailCalibrator back = new TailCalibrator(1000);
        back.restore(c.state());
        for (double d = 0.1; d < 50; d *= 1.7) {
            assertEquals(c.surprise(d, 1e-9), back.surprise(d, 1e-9), 1e-12);
        }
    }

    @Test
    void aFewDeviationsAreAlreadyADistributionNotACertainty() {
        // The up side of a disk-write series after a minute: five bursts of 0.3 to 2 MB/s and nothing else.
        TailCalibrator c = new TailCalibrator(1000);
        for (double burst : new double[] {614_400, 1_003_520, 1_036_288, 2_084_864, 323_584}) {
            c.learn(burst);
        }
        double s = c.surprise(2_641_920, 65_536);
        assertTrue(s < 3, "a burst a quarter bigger than the biggest of five: " + s);
        assertTrue(c.surprise(50_000_000, 65_536) > 10, "one twenty times bigger: " + c.surprise(50_000_000, 65_536));
    }

    /**
     * A running mean after one four-second excursion decays over a dozen samples; kept as a dozen records it
     * stretches the spread the tail is extrapolated with, and a far larger shift later looks ordinary. Declustered,
     * the excursion is one record.
     */
    @Test
    void aDeclusteredCalibratorKeepsOneRecordPerExcursion() {
        TailCalibrator plain = new TailCalibrator(1000);
        TailCalibrator declustered = new TailCalibrator(1000, true);
        Random r = new Random(5);
        double mean = 0;
        for (int i = 0; i < 300; i++) {
            double residual = i >= 30 && i < 34 ? 57 : r.nextGaussian();
            mean += 0.3 * (residual - mean);
            plain.learn(Math.abs(mean));
            declustered.learn(Math.abs(mean));
        }
        long plainLarge = java.util.Arrays.stream(plain.state().records()).filter(d -> d > 5).count();
        long declusteredLarge = java.util.Arrays.stream(declustered.state().records()).filter(d -> d > 5).count();
        assertTrue(plainLarge >= 5, "the excursion's decay fills the plain records: " + plainLarge);
        assertEquals(1, declusteredLarge, java.util.Arrays.toString(declustered.state().records()));
        assertTrue(declustered.surprise(97, 1e-9) > plain.surprise(97, 1e-9) + 2,
                "a shift of 97 after it: plain " + plain.surprise(97, 1e-9) + ", declustered " + declustered.surprise(97, 1e-9));
    }
}
