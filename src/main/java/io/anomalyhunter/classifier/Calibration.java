package io.anomalyhunter.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Calibrated class probabilities from the forest's vote shares: for each class, an isotonic (monotone, stepwise
 * linear) map from its vote share to the share of rows that truly were that class, fitted one class against the
 * rest on out-of-bag votes; the mapped values are then scaled to sum to 1. A vote share of 0.56 for DoS means
 * what DoS rows with that share turned out to be. Pure.
 *
 * @param x per class, the vote shares of the map's points, ascending
 * @param y per class, the calibrated probability at each point, non-decreasing
 */
public record Calibration(List<double[]> x, List<double[]> y) {
    /** Points the fitted map is thinned to at most (evenly by rows): small metadata, the same answers to 1e-3. */
    static final int MAX_POINTS = 64;

    public Calibration {
        x = List.copyOf(x);
        y = List.copyOf(y);
    }

    /** Fits one map per class on rows with known class and their (out-of-bag) vote shares; NaN rows are skipped. */
    public static Calibration fit(double[][] votes, int[] labels, int classes) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int cls = c;
            Integer[] order = java.util.stream.IntStream.range(0, votes.length).filter(i -> !Double.isNaN(votes[i][cls]))
                    // ties: the class's rows first, so PAV pools every tie into one block (one y per x)
                    .boxed().sorted(Comparator.comparingDouble((Integer i) -> votes[i][cls])
                            .thenComparingInt(i -> labels[i] == cls ? 0 : 1)).toArray(Integer[]::new);
            double[][] fitted = isotonic(Arrays.stream(order).mapToDouble(i -> votes[i][cls]).toArray(),
                    Arrays.stream(order).mapToDouble(i -> labels[i] == cls ? 1 : 0).toArray());
            xs.add(fitted[0]);
            ys.add(fitted[1]);
        }
        return new Calibration(xs, ys);
    }

    /**
     * Pool-adjacent-violators on points sorted by x: blocks of equal fitted value, each represented by its mean x;
     * then thinned to {@link #MAX_POINTS}, keeping the first and last.
     */
    static double[][] isotonic(double[] x, double[] y) {
        int n = x.length;
        double[] sumY = new double[n];
        double[] sumX = new double[n];
        double[] weight = new double[n];
        int blocks = 0;
        for (int i = 0; i < n; i++) {
            sumY[blocks] = y[i];
            sumX[blocks] = x[i];
            weight[blocks] = 1;
            blocks++;
            while (blocks > 1 && sumY[blocks - 2] / weight[blocks - 2] >= sumY[blocks - 1] / weight[blocks - 1]) {
                sumY[blocks - 2] += sumY[blocks - 1];
                sumX[blocks - 2] += sumX[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                blocks--;
            }
        }
        int keep = Math.min(blocks, MAX_POINTS);
        double[] px = new double[keep];
        double[] py = new double[keep];
        for (int k = 0; k < keep; k++) {
            int b = keep == 1 ? 0 : (int) Math.round(k * (blocks - 1) / (double) (keep - 1));
            px[k] = sumX[b] / weight[b];
            py[k] = sumY[b] / weight[b];
        }
        return new double[][] {px, py};
    }

    /** The calibrated probabilities of one row's vote shares. */
    public double[] apply(double[] votes) {
        double[] p = new double[votes.length];
        double sum = 0;
        for (int c = 0; c < votes.length; c++) {
            p[c] = interpolate(x.get(c), y.get(c), votes[c]);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] = sum > 0 ? p[c] / sum : votes[c];
        }
        return p;
    }

    private static double interpolate(double[] xs, double[] ys, double v) {
        if (xs.length == 0) {
            return v;
        }
        if (v <= xs[0]) {
            return ys[0];
        }
        if (v >= xs[xs.length - 1]) {
            return ys[ys.length - 1];
        }
        int hi = Arrays.binarySearch(xs, v);
        if (hi >= 0) {
            return ys[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double t = (v - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + t * (ys[hi] - ys[lo]);
    }
}
