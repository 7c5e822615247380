package io.anomalyhunter.cli;

import io.anomalyhunter.classifier.Evaluation;
import java.util.List;
import java.util.Locale;

/** An evaluation for a terminal: accuracy, per-class figures and the confusion matrix. */
final class EvaluationText {
    private EvaluationText() {
    }

    static String of(Evaluation e, List<String> classes) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "accuracy %.4f  macro F1 %.4f  rows %d  unknown %d%n", e.accuracy(),
                e.macroF1(classes), e.rows(), e.unknown()));
        b.append(String.format(Locale.ROOT, "%-8s %9s %9s %9s %9s%n", "class", "precision", "recall", "F1", "support"));
        for (Evaluation.PerClass p : e.perClass(classes)) {
            b.append(String.format(Locale.ROOT, "%-8s %9.4f %9.4f %9.4f %9d%n", p.name(), p.precision(), p.recall(), p.f1(),
                    p.support()));
        }
        b.append("confusion (rows: true class; columns: predicted, then unknown)\n");
        b.append(String.format(Locale.ROOT, "%-8s", ""));
        classes.forEach(c -> b.append(String.format(Locale.ROOT, " %8s", c)));
        b.append(String.format(Locale.ROOT, " %8s%n", "unknown"));
        for (int r = 0; r < classes.size(); r++) {
            b.append(String.format(Locale.ROOT, "%-8s", classes.get(r)));
            for (long n : e.confusion()[r]) {
                b.append(String.format(Locale.ROOT, " %8d", n));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
