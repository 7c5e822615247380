package io.anomalyhunter.classifier;

/**
 * The true class of a row to evaluate: an NSL-KDD attack name ("neptune", "normal") or a class label ("DoS").
 * A row without one, or with a name we do not know, is bad input named by its line.
 */
public final class LabelledRows {
    private LabelledRows() {
    }

    public static TrafficClass truth(String label, String name, long line) {
        if (label == null || label.isBlank()) {
            throw new KddFormatException(name + ":" + line + ": no label to evaluate against (NSL-KDD rows carry it after "
                    + "the 41 features; a CSV with a header needs a 'label' column)");
        }
        return TrafficClass.ofAttack(label).or(() -> TrafficClass.ofLabel(label)).orElseThrow(() -> new KddFormatException(
                name + ":" + line + ": label: unknown attack or class '" + label.strip() + "'"));
    }
}
