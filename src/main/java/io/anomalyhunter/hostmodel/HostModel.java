package io.anomalyhunter.hostmodel;

import io.anomalyhunter.forest.IsolationForestOnnx;
import io.anomalyhunter.onnx.OnnxModelException;
import io.anomalyhunter.onnx.OnnxScorer;
import io.anomalyhunter.store.ModelVersion;
import java.io.IOException;
import java.time.Instant;

/** A host model in service: one stored version, open in ONNX Runtime, with its features, baseline and threshold. */
final class HostModel implements AutoCloseable {
    private final ModelVersion version;
    private final FeatureSpace space;
    private final double threshold;
    private final OnnxScorer scorer;
    private final Instant loaded;

    private HostModel(ModelVersion version, FeatureSpace space, double threshold, OnnxScorer scorer, Instant loaded) {
        this.version = version;
        this.space = space;
        this.threshold = threshold;
        this.scorer = scorer;
        this.loaded = loaded;
    }

    /** Opens a stored version; a damaged one (bytes, metadata, ONNX) is refused with the reason. */
    static HostModel open(ModelVersion v, Instant now) throws HostModelException {
        if (!HostModelTrainer.sha256(v.onnx()).equals(v.sha256())) {
            throw new HostModelException("version " + v.version() + " is damaged: its ONNX bytes do not match their sha256");
        }
        FeatureSpace space;
        double threshold;
        try {
            var metadata = HostModelTrainer.parse(v.metadata());
            space = HostModelTrainer.space(metadata);
            threshold = metadata.path("threshold").asDouble(Double.NaN);
        } catch (IOException | IllegalArgumentException e) {
            throw new HostModelException("version " + v.version() + " has unreadable metadata: " + e.getMessage());
        }
        if (space.features().isEmpty() || !(threshold > 0 && threshold < 1)) {
            throw new HostModelException("version " + v.version() + " has no features or no threshold in its metadata");
        }
        try {
            return new HostModel(v, space, threshold, OnnxScorer.open(v.onnx(), IsolationForestOnnx.INPUT,
                    IsolationForestOnnx.SCORE, space.features().size()), now);
        } catch (OnnxModelException e) {
            throw new HostModelException("version " + v.version() + ": " + e.getMessage());
        }
    }

    /** The window's score and envelope ratio through ONNX Runtime (one run), with the vector it scored. */
    Scored score(WindowVectors.Window w) throws HostModelException {
        float[] v = space.vector(w);
        try {
            java.util.List<float[][]> out = scorer.run(new float[][] {v},
                    java.util.List.of(IsolationForestOnnx.SCORE, IsolationForestOnnx.ENVELOPE_RATIO));
            return new Scored(v, out.get(0)[0][0], out.get(1)[0][0]);
        } catch (OnnxModelException e) {
            throw new HostModelException("scoring failed: " + e.getMessage());
        }
    }

    /** The vector, its isolation score, and how many times the training envelope it lies out (below 1: inside). */
    record Scored(float[] vector, double score, double envelopeRatio) {
    }

    ModelVersion version() {
        return version;
    }

    FeatureSpace space() {
        return space;
    }

    double threshold() {
        return threshold;
    }

    Instant loaded() {
        return loaded;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
