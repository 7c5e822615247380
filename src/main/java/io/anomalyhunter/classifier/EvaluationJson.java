package io.anomalyhunter.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An evaluation as JSON: for the metadata file and `evaluate --json`. */
public final class EvaluationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationJson() {
    }

    public static ObjectNode of(Evaluation e, List<String> classes) {
        ObjectNode v = JSON.createObjectNode();
        v.put("rows", e.rows());
        v.put("accuracy", e.accuracy());
        v.put("macro_f1", e.macroF1(classes));
        v.put("unknown", e.unknown());
        ArrayNode per = v.putArray("per_class");
        for (Evaluation.PerClass p : e.perClass(classes)) {
            per.addObject().put("class", p.name()).put("precision", p.precision()).put("recall", p.recall()).put("f1", p.f1())
                    .put("support", p.support());
        }
        ArrayNode matrix = v.putArray("confusion");
        for (long[] row : e.confusion()) {
            ArrayNode r = matrix.addArray();
            for (long n : row) {
                r.add(n);
            }
        }
        v.put("confusion_layout", "rows: true class in the order of 'classes'; columns: predicted class, then 'unknown'");
        return v;
    }
}
