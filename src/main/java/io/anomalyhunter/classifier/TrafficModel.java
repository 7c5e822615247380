package io.anomalyhunter.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.anomalyhunter.forest.RandomForest;
import io.anomalyhunter.forest.TreeShap;
import io.anomalyhunter.onnx.OnnxModelException;
import io.anomalyhunter.onnx.OnnxScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The loaded traffic classifier: ONNX Runtime scores, and TreeSHAP explains from the same trees (read back from
 * the ONNX file). A row whose most probable class is below the confidence asked for is answered "unknown":
 * the official test set holds attacks never seen in training, and a forced guess among five is worse than
 * saying so. Thread-safe.
 */
public final class TrafficModel implements AutoCloseable {
    public static final String UNKNOWN = "unknown";
    private final RandomForest forest;
    private final OnnxScorer scorer;
    private final Calibration calibration;
    private final JsonNode metadata;
    private final String sha256;
    private final Instant loaded;

    TrafficModel(RandomForest forest, OnnxScorer scorer, Calibration calibration, JsonNode metadata, String sha256,
                 Instant loaded) {
        this.forest = forest;
        this.scorer = scorer;
        this.calibration = calibration;
        this.metadata = metadata;
        this.sha256 = sha256;
        this.loaded = loaded;
    }

    /**
     * One row's answer: the class label (or "unknown"), its index (-1 for unknown), every class's calibrated
     * probability, and the forest's raw vote shares they were calibrated from (what TreeSHAP explains).
     */
    public record Prediction(String label, int classIndex, double[] probabilities, double[] votes) {
        /** The most probable class, even where the answer is "unknown". */
        public int likeliest() {
            return RandomForest.argmax(probabilities);
        }
    }

    /** A feature's signed push on the predicted class's probability. */
    public record Contribution(String feature, String value, double contribution) {
        /** Contributions as one CSV-safe text: "feature=value +0.123; ...". */
        public static String text(List<Contribution> top) {
            StringBuilder b = new StringBuilder();
            for (Contribution c : top) {
                b.append(b.length() == 0 ? "" : "; ").append(c.feature()).append('=').append(c.value())
                        .append(String.format(java.util.Locale.ROOT, " %+.3f", c.contribution()));
            }
            return b.toString();
        }
    }

    public List<Prediction> predict(float[][] rows, double minConfidence) {
        float[][] p;
        try {
            p = scorer.run(rows);
        } catch (OnnxModelException e) {
            throw new ScoringException("the traffic classifier failed to score: " + e.getMessage(), e);
        }
        List<Prediction> out = new ArrayList<>(rows.length);
        for (float[] r : p) {
            double[] votes = new double[r.length];
            for (int c = 0; c < r.length; c++) {
                votes[c] = r[c];
            }
            double[] d = calibration.apply(votes);
            int best = RandomForest.argmax(d);
            boolean sure = d[best] >= minConfidence;
            out.add(new Prediction(sure ? TrafficClass.values()[best].label() : UNKNOWN, sure ? best : -1, d, votes));
        }
        return out;
    }

    /** The {@code top} features that moved class {@code classIndex}'s probability most, either way. */
    public List<Contribution> explain(float[] row, int classIndex, int top) {
        double[][] phi = TreeShap.explain(forest, row).contributions();
        List<Contribution> all = new ArrayList<>();
        for (int f = 0; f < phi.length; f++) {
            String value = KddSchema.isNominal(f) ? KddSchema.value(f, row[f]) : stripZero(row[f]);
            all.add(new Contribution(KddSchema.FEATURES.get(f), value, phi[f][classIndex]));
        }
        all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.contribution())));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    private static String stripZero(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v);
    }

    public JsonNode metadata() {
        return metadata;
    }

    public String sha256() {
        return sha256;
    }

    public Instant loaded() {
        return loaded;
    }

    public RandomForest forest() {
        return forest;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
