package io.anomalyhunter.api;

import io.anomalyhunter.classifier.TrafficModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prediction: the class (or "unknown" below min_confidence), the likeliest class even then, every class's
 * probability, and the features that pushed the likeliest class most, with their signed contributions.
 */
public record PredictionView(String predictedClass, String likeliest, double confidence, Map<String, Double> probabilities,
                             List<Contribution> contributions) {
    public record Contribution(String feature, String value, double contribution) {
    }

    static PredictionView of(TrafficModel.Prediction p, List<String> classes, List<TrafficModel.Contribution> top) {
        Map<String, Double> probs = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            probs.put(classes.get(c), p.probabilities()[c]);
        }
        int best = p.likeliest();
        return new PredictionView(p.label(), classes.get(best), p.probabilities()[best], probs,
                top.stream().map(c -> new Contribution(c.feature(), c.value(), c.contribution())).toList());
    }
}
