package io.anomalyhunter.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Isotonic calibration: monotone maps, probabilities that sum to 1, and an overconfident score brought to its truth. */
class CalibrationTest {
    @Test
    void poolAdjacentViolatorsGivesTheMonotoneMeans() {
        double[][] f = Calibration.isotonic(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0, 1, 0, 1});
        assertArrayEquals(new double[] {0.1, 0.25, 0.4}, f[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1}, f[1], 1e-12);
    }

    @Test
    void aScoreThatOverstatesIsMappedToTheTrueRate() {
        // two classes; class 1's vote share v is right with probability v*v (an overconfident model)
        Random r = new Random(7);
        int n = 50_000;
        double[][] votes = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double v = r.nextDouble();
            votes[i] = new double[] {1 - v, v};
            labels[i] = r.nextDouble() < v * v ? 1 : 0;
        }
        Calibration c = Calibration.fit(votes, labels, 2);
        for (double v : new double[] {0.3, 0.5, 0.7, 0.9}) {
            double[] p = c.apply(new double[] {1 - v, v});
            assertEquals(1, p[0] + p[1], 1e-12);
            assertEquals(v * v, p[1], 0.05, "vote share " + v);
        }
        for (double[] x : c.x()) {
            assertTrue(x.length <= Calibration.MAX_POINTS);
        }
    }

    @Test
    void theShippedModelIsBetterCalibratedOnItsValidationSplit() throws Exception {
        try (TrafficModel m = TrafficModelFiles.load(ShippedTrafficModelTest.SHIPPED)) {
            JsonNode v = m.metadata().path("calibration").path("validation");
            assertTrue(v.path("brier_calibrated").asDouble() < v.path("brier_votes").asDouble(), v.toString());
            assertTrue(v.path("ece_calibrated").asDouble() < v.path("ece_votes").asDouble(), v.toString());
            assertEquals(5, m.metadata().path("calibration").path("maps").size());
        }
    }
}
