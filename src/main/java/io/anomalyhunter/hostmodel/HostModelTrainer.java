package io.anomalyhunter.hostmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.forest.IsolationForest;
import io.anomalyhunter.forest.IsolationForestOnnx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Trains the host model on a run of interval vectors: features chosen ({@link FeatureSpace#select}), an isolation
 * forest over them (with its whitened components, so a broken relation between features shows), written as ONNX,
 * and a threshold above the training intervals' own scores. Pure computation; deterministic from the seed.
 */
final class HostModelTrainer {
    static final int TREES = 100;
    static final int SAMPLE = 256;
    static final long SEED = 42;
    /** Fewest intervals worth a model: with fewer, an isolation forest isolates everything. */
    static final int MIN_WINDOWS = 64;
    /** Fewest features: one or two series are the baseline detectors' job. */
    static final int MIN_FEATURES = 3;
    /** The threshold is this far above the 99.9th percentile of the training scores, and at least {@link #MIN_THRESHOLD}. */
    static final double MARGIN = 0.05;
    static final double MIN_THRESHOLD = 0.6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A trained model: its features and baseline, threshold, ONNX bytes and their sha256, and metadata (JSON). */
    record Trained(FeatureSpace space, double threshold, byte[] onnx, String sha256, String metadata) {
    }

    /** Why training did not give a model (too few intervals or features), said in one line. */
    static final class NotEnoughData extends Exception {
        NotEnoughData(String message) {
            super(message);
        }
    }

    static Trained train(List<WindowVectors.Window> windows, Instant created) throws NotEnoughData {
        if (windows.size() < MIN_WINDOWS) {
            throw new NotEnoughData(windows.size() + " intervals; at least " + MIN_WINDOWS + " are needed");
        }
        FeatureSpace space = FeatureSpace.select(windows);
        if (space.features().size() < MIN_FEATURES) {
            throw new NotEnoughData(space.features().size() + " series are usable (sampled in nearly every interval, "
                    + "varying, not a trend); at least " + MIN_FEATURES + " are needed");
        }
        float[][] rows = windows.stream().map(space::vector).toArray(float[][]::new);
        IsolationForest forest = IsolationForest.train(rows, TREES, SAMPLE, SEED);
        double[] scores = Arrays.stream(rows).mapToDouble(forest::score).sorted().toArray();
        double q999 = scores[Math.min(scores.length - 1, (int) Math.ceil(0.999 * scores.length) - 1)];
        double threshold = Math.min(0.95, Math.max(MIN_THRESHOLD, q999 + MARGIN));
        String metadata = metadata(space, threshold, windows, created, scores);
        byte[] onnx = IsolationForestOnnx.write(forest, "host_model", Map.of("anomaly_hunter_metadata", metadata));
        return new Trained(space, threshold, onnx, sha256(onnx), metadata);
    }

    private static String metadata(FeatureSpace space, double threshold, List<WindowVectors.Window> windows,
                                   Instant created, double[] scores) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", "isolation_forest");
        m.put("created", created.toString());
        m.put("trees", TREES).put("sample", SAMPLE).put("seed", SEED);
        m.put("intervals", windows.size());
        m.put("from", windows.get(0).end().toString()).put("to", windows.get(windows.size() - 1).end().toString());
        m.put("threshold", threshold);
        m.put("training_score_median", scores[scores.length / 2]);
        m.put("training_score_max", scores[scores.length - 1]);
        ArrayNode features = m.putArray("features");
        for (int i = 0; i < space.features().size(); i++) {
            features.addObject().put("series", space.features().get(i).text()).put("mean", space.mean()[i])
                    .put("deviation", space.deviation()[i]);
        }
        return m.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** A model's metadata as JSON. */
    static com.fasterxml.jackson.databind.JsonNode parse(String metadata) throws java.io.IOException {
        return JSON.readTree(metadata.getBytes(StandardCharsets.UTF_8));
    }

    /** The features and baseline written in a model's metadata, as {@link #metadata} wrote them. */
    static FeatureSpace space(com.fasterxml.jackson.databind.JsonNode metadata) {
        var f = metadata.path("features");
        List<io.anomalyhunter.series.SeriesKey> keys = new java.util.ArrayList<>();
        double[] mean = new double[f.size()];
        double[] dev = new double[f.size()];
        for (int i = 0; i < f.size(); i++) {
            keys.add(io.anomalyhunter.series.SeriesKey.parse(f.get(i).path("series").asText()));
            mean[i] = f.get(i).path("mean").asDouble();
            dev[i] = f.get(i).path("deviation").asDouble();
        }
        return new FeatureSpace(keys, mean, dev);
    }
}
