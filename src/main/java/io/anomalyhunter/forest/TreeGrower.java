package io.anomalyhunter.forest;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;

/**
 * Grows one CART tree on binned rows: at each node a random subset of features is tried, each by a class
 * histogram over its bins, and the split that lowers the weighted Gini impurity most is taken. Not thread-safe:
 * one grower per tree.
 */
final class TreeGrower {
    private final FeatureBins bins;
    private final byte[][] binned;
    private final int[] labels;
    private final int classes;
    private final ForestParams params;
    private final int tries;
    private final double[][] hist;
    private final int[] histRows;

    private int[] feature = new int[64];
    private float[] threshold = new float[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private float[][] leafValues = new float[64][];
    private double[] cover = new double[64];
    private int nodes;

    TreeGrower(FeatureBins bins, byte[][] binned, int[] labels, int classes, ForestParams params) {
        this.bins = bins;
        this.binned = binned;
        this.labels = labels;
        this.classes = classes;
        this.params = params;
        int features = binned.length;
        this.tries = params.featuresPerSplit() > 0 ? Math.min(features, params.featuresPerSplit())
                : Math.max(1, (int) Math.round(Math.sqrt(features)));
        this.hist = new double[FeatureBins.MAX_CUTS + 1][classes];
        this.histRows = new int[FeatureBins.MAX_CUTS + 1];
    }

    private record Work(int node, int lo, int hi, int depth) {
    }

    /**
     * Grows a tree on {@code rows} (in-bag row indices, each once) with {@code weight[row]} each (its draws times
     * its class weight) and {@code draws[row]} (its draws, for the leaf size).
     */
    DecisionTree grow(int[] rows, double[] weight, int[] draws, SplittableRandom random) {
        int[] order = new int[binned.length];
        Deque<Work> work = new ArrayDeque<>();
        work.push(new Work(newNode(), 0, rows.length, 0));
        while (!work.isEmpty()) {
            Work w = work.pop();
            double[] totals = new double[classes];
            int drawn = 0;
            for (int i = w.lo; i < w.hi; i++) {
                totals[labels[rows[i]]] += weight[rows[i]];
                drawn += draws[rows[i]];
            }
            double total = Arrays.stream(totals).sum();
            cover[w.node] = total;
            Split best = null;
            if (w.depth < params.maxDepth() && drawn >= 2 * params.minLeaf() && !pure(totals)) {
                best = bestSplit(rows, weight, draws, w.lo, w.hi, totals, total, order, random);
            }
            if (best == null) {
                leaf(w.node, totals, total);
                continue;
            }
            int mid = partition(rows, w.lo, w.hi, best.feature, best.bin);
            int l = newNode();
            int r = newNode();
            feature[w.node] = best.feature;
            threshold[w.node] = bins.cuts[best.feature][best.bin];
            left[w.node] = l;
            right[w.node] = r;
            work.push(new Work(r, mid, w.hi, w.depth + 1));
            work.push(new Work(l, w.lo, mid, w.depth + 1));
        }
        return new DecisionTree(Arrays.copyOf(feature, nodes), Arrays.copyOf(threshold, nodes), Arrays.copyOf(left, nodes),
                Arrays.copyOf(right, nodes), Arrays.copyOf(leafValues, nodes), Arrays.copyOf(cover, nodes));
    }

    private record Split(int feature, int bin, double score) {
    }

    private Split bestSplit(int[] rows, double[] weight, int[] draws, int lo, int hi, double[] totals, double total,
                            int[] order, SplittableRandom random) {
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        double parent = purity(totals, total);
        Split best = null;
        // Partial Fisher-Yates: the first `tries` of a random permutation of the features.
        for (int t = 0; t < tries; t++) {
            int pick = t + random.nextInt(order.length - t);
            int f = order[pick];
            order[pick] = order[t];
            order[t] = f;
            int nb = bins.bins(f);
            if (nb < 2) {
                continue;
            }
            for (int b = 0; b < nb; b++) {
                Arrays.fill(hist[b], 0);
                histRows[b] = 0;
            }
            byte[] col = binned[f];
            for (int i = lo; i < hi; i++) {
                int row = rows[i];
                int b = col[row] & 0xFF;
                hist[b][labels[row]] += weight[row];
                histRows[b] += draws[row];
            }
            double[] leftTotals = new double[classes];
            double leftWeight = 0;
            int leftDraws = 0;
            int allDraws = 0;
            for (int b = 0; b < nb; b++) {
                allDraws += histRows[b];
            }
            for (int b = 0; b < nb - 1; b++) {
                for (int c = 0; c < classes; c++) {
                    leftTotals[c] += hist[b][c];
                    leftWeight += hist[b][c];
                }
                leftDraws += histRows[b];
                if (histRows[b] == 0 || leftDraws < params.minLeaf() || allDraws - leftDraws < params.minLeaf()) {
                    continue;
                }
                double rightWeight = total - leftWeight;
                if (leftWeight <= 0 || rightWeight <= 0) {
                    continue;
                }
                double score = purity(leftTotals, leftWeight) + rightPurity(totals, leftTotals, rightWeight);
                if (score > parent + 1e-9 * total && (best == null || score > best.score)) {
                    best = new Split(f, b, score);
                }
            }
        }
        return best;
    }

    /** sum_c w_c^2 / w: the larger, the purer (weighted Gini impurity is w minus this). */
    private static double purity(double[] totals, double total) {
        double s = 0;
        for (double t : totals) {
            s += t * t;
        }
        return s / total;
    }

    private static double rightPurity(double[] totals, double[] leftTotals, double rightWeight) {
        double s = 0;
        for (int c = 0; c < totals.length; c++) {
            double r = totals[c] - leftTotals[c];
            s += r * r;
        }
        return s / rightWeight;
    }

    private static boolean pure(double[] totals) {
        int nonZero = 0;
        for (double t : totals) {
            nonZero += t > 0 ? 1 : 0;
        }
        return nonZero <= 1;
    }

    /** Moves the rows whose bin is at most {@code bin} before the others; returns where the others begin. */
    private int partition(int[] rows, int lo, int hi, int f, int bin) {
        byte[] col = binned[f];
        int i = lo;
        int j = hi - 1;
        while (i <= j) {
            if ((col[rows[i]] & 0xFF) <= bin) {
                i++;
            } else {
                int tmp = rows[i];
                rows[i] = rows[j];
                rows[j] = tmp;
                j--;
            }
        }
        return i;
    }

    private void leaf(int node, double[] totals, double total) {
        float[] v = new float[classes];
        for (int c = 0; c < classes; c++) {
            v[c] = (float) (totals[c] / total);
        }
        feature[node] = -1;
        left[node] = -1;
        right[node] = -1;
        leafValues[node] = v;
    }

    private int newNode() {
        if (nodes == feature.length) {
            int n = nodes * 2;
            feature = Arrays.copyOf(feature, n);
            threshold = Arrays.copyOf(threshold, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            leafValues = Arrays.copyOf(leafValues, n);
            cover = Arrays.copyOf(cover, n);
        }
        return nodes++;
    }
}
