package io.anomalyhunter.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.anomalyhunter.forest.TreeShap;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model in models/ is the one the code trains, loads in the real ONNX Runtime and explains exactly. */
class ShippedTrafficModelTest {
    static final Path SHIPPED = Path.of("models");

    @Test
    void retrainingWithTheShippedSeedReproducesTheShippedFileBitForBit(@TempDir Path out) throws Exception {
        Path data = SharedData.require(SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+.txt"), "NSL-KDD training data");
        TrafficTraining.Result r = TrafficTraining.train(KddReader.read(data), 42);
        String sha = TrafficModelFiles.write(out, r, "KDDTrain+.txt", TrafficModelFiles.sha256(Files.readAllBytes(data)),
                Instant.EPOCH);
        try (TrafficModel shipped = TrafficModelFiles.load(SHIPPED)) {
            assertEquals(shipped.sha256(), sha, "models/traffic-classifier.onnx is not what this code trains from seed 42");
            assertEquals(shipped.metadata().path("training").path("sha256").asText(),
                    TrafficModelFiles.sha256(Files.readAllBytes(data)), "trained on another KDDTrain+");
        }
        assertTrue(r.validation().accuracy() >= 0.99, "validation accuracy " + r.validation().accuracy());
    }

    @Test
    void onnxRuntimeAgreesWithTheTreesAndTheContributionsSumToTheProbability() throws Exception {
        float[][] rows = Arrays.copyOf(KddReader.read(SharedData.require(
                SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt"), "NSL-KDD")).rows(), 10_000);
        try (TrafficModel model = TrafficModelFiles.load(SHIPPED)) {
            List<TrafficModel.Prediction> p = model.predict(rows, 0);
            double worst = 0;
            for (int i = 0; i < rows.length; i++) {
                double[] trees = model.forest().probabilities(rows[i]);
                for (int c = 0; c < trees.length; c++) {
                    worst = Math.max(worst, Math.abs(trees[c] - p.get(i).votes()[c]));
                }
            }
            assertTrue(worst <= 1e-5, "ONNX Runtime and the trees differ by " + worst);
            for (int i = 0; i < 20; i++) {
                TreeShap.Explanation e = TreeShap.explain(model.forest(), rows[i]);
                double[] trees = model.forest().probabilities(rows[i]);
                for (int c = 0; c < trees.length; c++) {
                    double sum = e.expected()[c];
                    for (double[] f : e.contributions()) {
                        sum += f[c];
                    }
                    assertEquals(trees[c], sum, 1e-6, "row " + i + " class " + c);
                }
            }
        }
    }

    @Test
    void theMetadataSaysWhatTheModelIs() throws Exception {
        try (TrafficModel model = TrafficModelFiles.load(SHIPPED)) {
            JsonNode m = model.metadata();
            assertEquals(KddSchema.FEATURES.size(), m.path("features").size());
            assertEquals(List.of("normal", "DoS", "Probe", "R2L", "U2R"), TrafficTraining.classNames());
            assertEquals(5, m.path("classes").size());
            assertEquals(64, m.path("training").path("sha256").asText().length());
            assertEquals(KddSchema.FEATURES.size(), m.path("importances").size());
            assertTrue(m.path("validation").path("accuracy").asDouble() >= 0.99);
            Instant.parse(m.path("created").asText());
        }
    }
}
