package io.anomalyhunter.classifier;

import io.anomalyhunter.traffic.ConnectionJudge;
import io.anomalyhunter.traffic.ConnectionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The traffic classifier behind the attack detectors' {@link ConnectionJudge} seam, for one stream of connections:
 * its NSL-KDD features (which count the connections before each one), then the model in service at the time of
 * each batch, so a reloaded model takes over at the next batch. Without a model in service connections still feed
 * the feature windows but go unjudged. A model that fails to score is said once per failure streak, not per batch.
 */
public final class LiveTrafficJudge implements ConnectionJudge {
    private static final Logger LOG = Logger.getLogger("TrafficClassifier");
    private final TrafficClassifier classifier;
    private final KddTrafficFeatures features = new KddTrafficFeatures();
    private boolean failing;

    public LiveTrafficJudge(TrafficClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public List<Judgement> judge(List<ConnectionRecord> finished) {
        float[][] rows = new float[finished.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features.next(finished.get(i));
        }
        Optional<TrafficModel> model = classifier.model();
        if (model.isEmpty() || rows.length == 0) {
            return List.of();
        }
        List<TrafficModel.Prediction> p;
        try {
            p = model.get().predict(rows, 0);
        } catch (ScoringException e) {
            if (!failing) {
                LOG.warnf("connections go unjudged: %s", e.getMessage());
            }
            failing = true;
            return List.of();
        }
        failing = false;
        List<Judgement> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            TrafficModel.Prediction x = p.get(i);
            int best = x.likeliest();
            TrafficClass c = TrafficClass.values()[best];
            out.add(new Judgement(finished.get(i), c.label(), x.probabilities()[best], c != TrafficClass.NORMAL, rows[i]));
        }
        return out;
    }

    @Override
    public String explain(Judgement j, int top) {
        Optional<TrafficModel> model = classifier.model();
        if (model.isEmpty()) {
            return "";
        }
        int index = 0;
        for (TrafficClass c : TrafficClass.values()) {
            index = c.label().equals(j.label()) ? c.ordinal() : index;
        }
        return TrafficModel.Contribution.text(model.get().explain(j.features(), index, top));
    }
}
