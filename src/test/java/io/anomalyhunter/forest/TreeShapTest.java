package io.anomalyhunter.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.classifier.KddData;
import io.anomalyhunter.classifier.KddReader;
import io.anomalyhunter.testing.SharedData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TreeShapTest {
    @Test
    void contributionsSumToThePredictionMinusTheExpectedValue() throws Exception {
        KddData data = KddReader.read(SharedData.require(SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"), "NSL-KDD"));
        RandomForest forest = ForestTrainer.train(data.rows(), data.classes(), 5, new ForestParams(20, 40, 1, 0, 3,
                new double[] {1, 1, 1, 3, 10}));
        SplittableRandom pick = new SplittableRandom(1);
        double worst = 0;
        for (int k = 0; k < 300; k++) {
            float[] x = data.rows()[pick.nextInt(data.size())];
            TreeShap.Explanation e = TreeShap.explain(forest, x);
            double[] p = forest.probabilities(x);
            for (int c = 0; c < 5; c++) {
                double sum = e.expected()[c];
                for (double[] f : e.contributions()) {
                    sum += f[c];
                }
                worst = Math.max(worst, Math.abs(sum - p[c]));
            }
        }
        assertTrue(worst <= 1e-6, "largest gap " + worst);
    }

    /**
     * On a stump (one split on feature 0) the exact SHAP value is known by hand: feature 0 moves the prediction
     * from the cover-weighted mean to its leaf, and no other feature moves it at all.
     */
    @Test
    void aStumpsShapValuesAreKnownByHand() {
        DecisionTree stump = new DecisionTree(new int[] {0, -1, -1}, new float[] {0.5f, 0, 0}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new float[][] {null, {1, 0}, {0, 1}}, new double[] {4, 3, 1});
        RandomForest forest = new RandomForest(java.util.List.of(stump), 2, 2);
        TreeShap.Explanation e = TreeShap.explain(forest, new float[] {1f, 9f});
        assertEquals(0.75, e.expected()[0], 1e-12);
        assertEquals(-0.75, e.contributions()[0][0], 1e-12);
        assertEquals(0.75, e.contributions()[0][1], 1e-12);
        assertEquals(0.0, e.contributions()[1][0], 1e-12);
    }
}
