package io.anomalyhunter.classifier;

import java.util.List;
import java.util.Objects;

/**
 * Labelled connections as the model sees them: one float vector per row (see {@link KddSchema}) and its class.
 *
 * @param rows     [row][feature]
 * @param classes  the class index of each row ({@link TrafficClass#ordinal()})
 * @param attacks  the attack name of each row as the file gave it
 */
public record KddData(float[][] rows, int[] classes, List<String> attacks) {
    public KddData {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(classes, "classes");
        attacks = List.copyOf(attacks);
        if (rows.length != classes.length || rows.length != attacks.size()) {
            throw new IllegalArgumentException("rows, classes and attacks differ in length");
        }
    }

    public int size() {
        return rows.length;
    }

    /** The rows at the given indices, in that order. */
    public KddData subset(int[] indices) {
        float[][] r = new float[indices.length][];
        int[] c = new int[indices.length];
        String[] a = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            c[i] = classes[indices[i]];
            a[i] = attacks.get(indices[i]);
        }
        return new KddData(r, c, List.of(a));
    }
}
