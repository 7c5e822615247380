package io.anomalyhunter.api;

import io.anomalyhunter.classifier.KddCsv;
import io.anomalyhunter.classifier.TrafficModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A batch's predictions as they come, then as CSV (one line per row) or JSON (a summary and the rows). */
final class BatchAnswer {
    private final List<String> classes;
    private final StringBuilder csv = new StringBuilder();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    BatchAnswer(List<String> classes) {
        this.classes = classes;
        csv.append("line,prediction,").append(String.join(",", classes.stream().map(c -> "p_" + c).toList())).append(",label\n");
        classes.forEach(c -> counts.put(c, 0L));
        counts.put(TrafficModel.UNKNOWN, 0L);
    }

    void add(KddCsv.Batch batch, List<TrafficModel.Prediction> predictions) {
        for (int i = 0; i < predictions.size(); i++) {
            TrafficModel.Prediction p = predictions.get(i);
            long line = batch.firstLine() + i;
            String label = batch.labels().get(i);
            csv.append(line).append(',').append(p.label());
            Map<String, Double> probs = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                csv.append(',').append(String.format(Locale.ROOT, "%.4f", p.probabilities()[c]));
                probs.put(classes.get(c), p.probabilities()[c]);
            }
            csv.append(',').append(label == null ? "" : label).append('\n');
            counts.merge(p.label(), 1L, Long::sum);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", line);
            row.put("predicted_class", p.label());
            row.put("probabilities", probs);
            row.put("label", label);
            rows.add(row);
        }
    }

    String csv() {
        return csv.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows.size());
        out.put("counts", counts);
        out.put("predictions", rows);
        return out;
    }
}
