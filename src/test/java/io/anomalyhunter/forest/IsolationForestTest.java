package io.anomalyhunter.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.onnx.OnnxScorer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Multivariate outliers that no single feature gives away: normal rows lie along a line through four
 * features (two rise together, one falls, one is noise); the outliers break that relation while every feature
 * stays inside its normal range. The isolation forest must rank them above normal rows, and ONNX Runtime must
 * give the Java scores.
 */
class IsolationForestTest {
    private static float[] normal(Random r) {
        float t = r.nextFloat();
        return new float[] {t, t + (float) r.nextGaussian() * 0.03f, 1 - t + (float) r.nextGaussian() * 0.03f, r.nextFloat()};
    }

    private static float[] outlier(Random r) {
        float a;
        float b;
        do {
            a = 0.1f + 0.8f * r.nextFloat();
            b = 0.1f + 0.8f * r.nextFloat();
        } while (Math.abs(a - b) < 0.4f);
        return new float[] {a, b, 1 - a, r.nextFloat()};
    }

    @Test
    void outliersInsideEveryFeaturesRangeAreFoundWithAnAucOverPoint95() {
        Random r = new Random(11);
        float[][] train = new float[4000][];
        for (int i = 0; i < train.length; i++) {
            train[i] = normal(r);
        }
        IsolationForest forest = IsolationForest.train(train, 200, 256, 7);
        double[] normalScores = new double[2000];
        double[] outlierScores = new double[100];
        float[] lo = {1, 1, 1, 1};
        float[] hi = {0, 0, 0, 0};
        for (float[] row : train) {
            for (int f = 0; f < 4; f++) {
                lo[f] = Math.min(lo[f], row[f]);
                hi[f] = Math.max(hi[f], row[f]);
            }
        }
        for (int i = 0; i < normalScores.length; i++) {
            normalScores[i] = forest.score(normal(r));
        }
        for (int i = 0; i < outlierScores.length; i++) {
            float[] o = outlier(r);
            for (int f = 0; f < 4; f++) {
                assertTrue(o[f] >= lo[f] && o[f] <= hi[f], "feature " + f + " of an outlier is inside the normal range");
            }
            outlierScores[i] = forest.score(o);
        }
        double auc = auc(outlierScores, normalScores);
        assertTrue(auc >= 0.95, "AUC " + auc);
    }

    @Test
    void onnxRuntimeGivesTheJavaScores() throws Exception {
        Random r = new Random(3);
        float[][] train = new float[3000][];
        for (int i = 0; i < train.length; i++) {
            train[i] = i % 50 == 0 ? outlier(r) : normal(r);
        }
        IsolationForest forest = IsolationForest.train(train, 100, 256, 5);
        try (OnnxScorer ort = OnnxScorer.open(IsolationForestOnnx.write(forest, "host", Map.of("k", "v")),
                IsolationForestOnnx.INPUT, IsolationForestOnnx.SCORE, 4)) {
            float[][] theirs = ort.run(train);
            double worst = 0;
            for (int i = 0; i < train.length; i++) {
                worst = Math.max(worst, Math.abs(theirs[i][0] - forest.score(train[i])));
            }
            assertTrue(worst <= 1e-5, "largest difference " + worst);
            // the envelope ratio, from the same run of the graph
            float[][] probe = {train[1], {1e3f, -1e3f, 1e3f, -1e3f}};
            java.util.List<float[][]> both = ort.run(probe, java.util.List.of(IsolationForestOnnx.SCORE,
                    IsolationForestOnnx.ENVELOPE_RATIO));
            for (int i = 0; i < probe.length; i++) {
                assertEquals(forest.envelopeRatio(probe[i]), both.get(1)[i][0], 1e-4 * Math.max(1, forest.envelopeRatio(probe[i])));
            }
            assertTrue(both.get(1)[0][0] <= 1, "a training row is inside the envelope: " + both.get(1)[0][0]);
            assertTrue(both.get(1)[1][0] > 10, "a row far out is far outside: " + both.get(1)[1][0]);
        }
        byte[] again = IsolationForestOnnx.write(IsolationForest.train(train, 100, 256, 5), "host", Map.of("k", "v"));
        assertArrayEquals(IsolationForestOnnx.write(forest, "host", Map.of("k", "v")), again, "the same seed, the same model");
    }

    @Test
    void theAveragePathIsTheBinarySearchTreeFormula() {
        assertEquals(0, IsolationForest.averagePath(1));
        assertEquals(1, IsolationForest.averagePath(2));
        assertEquals(2 * (Math.log(255) + 0.5772156649015329) - 2.0 * 255 / 256, IsolationForest.averagePath(256), 1e-12);
    }

    @Test
    void eigenvectorsOfASymmetricMatrix() {
        SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertArrayEquals(new double[] {5, 3, 1}, e.values(), 1e-12);
        double s = Math.sqrt(0.5);
        assertEquals(1, Math.abs(e.vectors()[0][2]), 1e-12);
        assertEquals(s, Math.abs(e.vectors()[1][0]), 1e-12);
        assertEquals(e.vectors()[1][0], e.vectors()[1][1], 1e-12, "(1, 1)/sqrt 2 for 3");
        assertEquals(-e.vectors()[2][0], e.vectors()[2][1], 1e-12, "(1, -1)/sqrt 2 for 1");
    }

    /** The probability that an outlier scores above a normal row (ties count half). */
    static double auc(double[] positive, double[] negative) {
        double[] neg = negative.clone();
        Arrays.sort(neg);
        double wins = 0;
        for (double p : positive) {
            int below = lowerBound(neg, p);
            int notAbove = upperBound(neg, p);
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positive.length * negative.length);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
