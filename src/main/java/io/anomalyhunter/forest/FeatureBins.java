package io.anomalyhunter.forest;

import java.util.Arrays;

/**
 * Each feature's candidate split thresholds, at most 255, so a node's best split is found from a histogram in
 * one pass over its rows (as LightGBM and scikit-learn's HistGradientBoosting do) rather than by sorting.
 * A feature with few distinct values gets a cut between each pair of neighbours; one with many, cuts at 255
 * quantiles. Cuts lie halfway between two neighbouring training values, in float, so a row's side of a split
 * is the same in training, in Java scoring and in ONNX Runtime.
 */
final class FeatureBins {
    static final int MAX_CUTS = 255;
    /** cuts[f]: ascending thresholds; bin b of feature f holds the values in (cuts[b-1], cuts[b]]. */
    final float[][] cuts;

    private FeatureBins(float[][] cuts) {
        this.cuts = cuts;
    }

    static FeatureBins of(float[][] rows, int features) {
        float[][] cuts = new float[features][];
        float[] column = new float[rows.length];
        for (int f = 0; f < features; f++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][f];
            }
            cuts[f] = cutsOf(column.clone());
        }
        return new FeatureBins(cuts);
    }

    static float[] cutsOf(float[] values) {
        Arrays.sort(values);
        float[] distinct = distinct(values);
        if (distinct.length - 1 <= MAX_CUTS) {
            float[] c = new float[Math.max(0, distinct.length - 1)];
            for (int i = 0; i < c.length; i++) {
                c[i] = between(distinct[i], distinct[i + 1]);
            }
            return c;
        }
        float[] c = new float[MAX_CUTS];
        int k = 0;
        for (int q = 1; q <= MAX_CUTS; q++) {
            float v = values[(int) ((long) q * (values.length - 1) / (MAX_CUTS + 1))];
            int next = Arrays.binarySearch(distinct, v) + 1;
            if (next < distinct.length) {
                float cut = between(v, distinct[next]);
                if (k == 0 || cut > c[k - 1]) {
                    c[k++] = cut;
                }
            }
        }
        return Arrays.copyOf(c, k);
    }

    private static float[] distinct(float[] sorted) {
        float[] d = new float[sorted.length];
        int k = 0;
        for (float v : sorted) {
            if (k == 0 || v != d[k - 1]) {
                d[k++] = v;
            }
        }
        return Arrays.copyOf(d, k);
    }

    /** A float m with a <= m < b, halfway where float allows. */
    static float between(float a, float b) {
        float m = (float) ((a + (double) b) / 2);
        return m >= b || m < a ? a : m;
    }

    int bins(int feature) {
        return cuts[feature].length + 1;
    }

    /** The bin of a value: the first cut it does not exceed, or past the last cut. */
    int bin(int feature, float v) {
        float[] c = cuts[feature];
        int lo = 0;
        int hi = c.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= c[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Every row's bin of every feature, feature-major. */
    byte[][] binned(float[][] rows) {
        byte[][] out = new byte[cuts.length][rows.length];
        for (int f = 0; f < cuts.length; f++) {
            for (int r = 0; r < rows.length; r++) {
                out[f][r] = (byte) bin(f, rows[r][f]);
            }
        }
        return out;
    }
}
