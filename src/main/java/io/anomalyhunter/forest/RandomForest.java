package io.anomalyhunter.forest;

import java.util.List;

/** Trees whose leaf distributions are averaged: the class probabilities of a random forest. */
public record RandomForest(List<DecisionTree> trees, int classes, int features) {
    public RandomForest {
        trees = List.copyOf(trees);
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs trees");
        }
    }

    /** The class probabilities of one row. */
    public double[] probabilities(float[] x) {
        if (x.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        }
        double[] p = new double[classes];
        for (DecisionTree t : trees) {
            float[] v = t.leafValues()[t.leaf(x)];
            for (int c = 0; c < classes; c++) {
                p[c] += v[c];
            }
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= trees.size();
        }
        return p;
    }

    /** The most probable class (the lowest index on a tie). */
    public static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
