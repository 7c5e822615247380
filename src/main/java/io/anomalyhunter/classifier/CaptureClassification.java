package io.anomalyhunter.classifier;

import io.anomalyhunter.traffic.ConnectionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Finished connections with their features, scored in batches by the traffic classifier: what a capture's
 * connections are, one answer each. Collects as the tracker ends connections; {@link #flush} scores what
 * is pending.
 */
public final class CaptureClassification {
    /** A connection, its feature vector and the classifier's answer. */
    public record Classified(ConnectionRecord connection, float[] features, TrafficModel.Prediction prediction) {
    }

    private static final int BATCH = 1024;
    private final TrafficModel model;
    private final double minConfidence;
    private final KddTrafficFeatures features = new KddTrafficFeatures();
    private final List<ConnectionRecord> pending = new ArrayList<>();
    private final List<float[]> pendingRows = new ArrayList<>();
    private final List<Classified> done = new ArrayList<>();

    public CaptureClassification(TrafficModel model, double minConfidence) {
        this.model = model;
        this.minConfidence = minConfidence;
    }

    /** The sink for a {@link io.anomalyhunter.traffic.ConnectionTracker}. */
    public void accept(ConnectionRecord r) {
        pending.add(r);
        pendingRows.add(features.next(r));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        float[][] rows = pendingRows.toArray(float[][]::new);
        List<TrafficModel.Prediction> p = model.predict(rows, minConfidence);
        for (int i = 0; i < rows.length; i++) {
            done.add(new Classified(pending.get(i), rows[i], p.get(i)));
        }
        pending.clear();
        pendingRows.clear();
    }

    public List<Classified> results() {
        flush();
        return done;
    }
}
