package io.anomalyhunter.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or foreign model is refused at load with the reason, and the model in service stays. */
class TrafficModelFilesTest {
    private static Path copyOfShipped(Path dir) throws Exception {
        for (String f : new String[] {TrafficModelFiles.ONNX, TrafficModelFiles.METADATA}) {
            Files.copy(ShippedTrafficModelTest.SHIPPED.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void aModelWhoseBytesDoNotHashToTheMetadataIsRefused(@TempDir Path dir) throws Exception {
        copyOfShipped(dir);
        byte[] onnx = Files.readAllBytes(dir.resolve(TrafficModelFiles.ONNX));
        onnx[onnx.length / 2] ^= 1;
        Files.write(dir.resolve(TrafficModelFiles.ONNX), onnx);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TrafficModelFiles.load(dir));
        assertTrue(e.getMessage().contains("traffic-classifier.onnx: sha256") && e.getMessage().contains("does not match"),
                e.getMessage());
    }

    @Test
    void aModelOfAnotherVersionIsRefused(@TempDir Path dir) throws Exception {
        copyOfShipped(dir);
        Path json = dir.resolve(TrafficModelFiles.METADATA);
        Files.writeString(json, Files.readString(json).replace("\"version\" : \"1.0\"", "\"version\" : \"9.9\""));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TrafficModelFiles.load(dir));
        assertTrue(e.getMessage().contains("model version 1.0, metadata says 9.9"), e.getMessage());
    }

    @Test
    void missingFilesAreNamed(@TempDir Path dir) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> TrafficModelFiles.load(dir));
        assertEquals(dir.resolve(TrafficModelFiles.METADATA) + ": cannot read the traffic classifier's metadata: no such file",
                e.getMessage());
    }

    @Test
    void aRefusedReloadKeepsThePreviousModelInService(@TempDir Path dir) throws Exception {
        copyOfShipped(dir);
        try (TrafficClassifier classifier = new TrafficClassifier(dir)) {
            assertTrue(classifier.reload());
            TrafficModel serving = classifier.model().orElseThrow();
            Files.writeString(dir.resolve(TrafficModelFiles.METADATA), "{ not json");
            assertFalse(classifier.reload());
            assertSame(serving, classifier.model().orElseThrow());
            assertTrue(classifier.lastRefusal().orElseThrow().contains(TrafficModelFiles.METADATA),
                    classifier.lastRefusal().orElseThrow());
            float[] row = new float[KddSchema.FEATURES.size()];
            assertEquals(5, serving.predict(new float[][] {row}, 0).get(0).probabilities().length, "still scores");
        }
    }
}
