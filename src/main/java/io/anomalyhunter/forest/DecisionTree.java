package io.anomalyhunter.forest;

import java.util.Objects;

/**
 * A binary decision tree in flat arrays, node 0 the root. A branch sends a row left when
 * {@code x[feature] <= threshold} (ONNX's BRANCH_LEQ, compared in float as ONNX Runtime does); a leaf holds the
 * class distribution of the training rows that reached it.
 *
 * @param feature    the feature a branch tests, -1 for a leaf
 * @param threshold  a branch's threshold
 * @param left       a branch's child for "<=", -1 for a leaf
 * @param right      a branch's other child, -1 for a leaf
 * @param leafValues a leaf's class distribution (sums to 1), null for a branch
 * @param cover      the (weighted) training rows that reached each node: TreeSHAP's path weights
 */
public record DecisionTree(int[] feature, float[] threshold, int[] left, int[] right, float[][] leafValues, double[] cover) {
    public DecisionTree {
        Objects.requireNonNull(feature, "feature");
        int n = feature.length;
        if (threshold.length != n || left.length != n || right.length != n || leafValues.length != n || cover.length != n) {
            throw new IllegalArgumentException("the node arrays differ in length");
        }
    }

    public int nodes() {
        return feature.length;
    }

    public boolean isLeaf(int node) {
        return feature[node] < 0;
    }

    /** The leaf a row reaches. */
    public int leaf(float[] x) {
        int n = 0;
        while (feature[n] >= 0) {
            n = x[feature[n]] <= threshold[n] ? left[n] : right[n];
        }
        return n;
    }
}
