package io.anomalyhunter.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.classifier.KddData;
import io.anomalyhunter.classifier.KddReader;
import io.anomalyhunter.onnx.OnnxScorer;
import io.anomalyhunter.testing.SharedData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A forest trained on real NSL-KDD rows, written as ONNX and scored by the real ONNX Runtime. */
class ForestOnnxTest {
    private static KddData data;
    private static RandomForest forest;

    @BeforeAll
    static void train() throws Exception {
        data = KddReader.read(SharedData.require(SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"), "NSL-KDD"));
        forest = ForestTrainer.train(data.rows(), data.classes(), 5, new ForestParams(30, 40, 1, 0, 42, new double[] {1, 1, 1, 3, 10}));
    }

    @Test
    void onnxRuntimeGivesTheJavaForestsProbabilitiesOnTenThousandRows() throws Exception {
        float[][] rows = Arrays.copyOf(data.rows(), 10_000);
        try (OnnxScorer ort = OnnxScorer.open(ForestOnnx.write(forest, "test", Map.of()), ForestOnnx.INPUT,
                ForestOnnx.PROBABILITIES, rows[0].length)) {
            float[][] theirs = ort.run(rows);
            double worst = 0;
            int sameClass = 0;
            for (int i = 0; i < rows.length; i++) {
                double[] ours = forest.probabilities(rows[i]);
                for (int c = 0; c < ours.length; c++) {
                    worst = Math.max(worst, Math.abs(ours[c] - theirs[i][c]));
                }
                sameClass += RandomForest.argmax(ours) == argmax(theirs[i]) ? 1 : 0;
            }
            assertTrue(worst <= 1e-5, "largest difference " + worst);
            assertTrue(sameClass >= rows.length - 5, "the same class on nearly every row (ties aside): " + sameClass);
        }
    }

    @Test
    void theSameDataAndSeedGiveTheSameModelBitForBit() {
        ForestParams p = new ForestParams(8, 40, 1, 0, 7, new double[] {1, 1, 1, 3, 10});
        byte[] a = ForestOnnx.write(ForestTrainer.train(data.rows(), data.classes(), 5, p), "t", Map.of("k", "v"));
        byte[] b = ForestOnnx.write(ForestTrainer.train(data.rows(), data.classes(), 5, p), "t", Map.of("k", "v"));
        assertArrayEquals(a, b);
        ForestParams other = new ForestParams(8, 40, 1, 0, 8, new double[] {1, 1, 1, 3, 10});
        assertTrue(!Arrays.equals(a, ForestOnnx.write(ForestTrainer.train(data.rows(), data.classes(), 5, other), "t",
                Map.of("k", "v"))), "another seed, another forest");
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            best = p[c] > p[best] ? c : best;
        }
        return best;
    }
}
