package io.anomalyhunter.forest;

import java.util.Arrays;

/**
 * Exact SHAP values of a forest's class probabilities for one row, by the polynomial-time TreeSHAP algorithm
 * (Lundberg, Erion and Lee 2018, Algorithm 2): for each tree a walk that carries, along the decision path,
 * the share of feature subsets that reach each node, weighted by the training cover of the branches. The
 * contributions of every feature plus the expected value equal the prediction exactly (up to rounding).
 * Pure; not thread-safe only in that each call allocates its own paths.
 */
public final class TreeShap {
    private TreeShap() {
    }

    /**
     * @param contributions [feature][class]: how far each feature moved each class's probability from the expected
     * @param expected      [class]: the forest's mean prediction over its training cover
     */
    public record Explanation(double[][] contributions, double[] expected) {
    }

    public static Explanation explain(RandomForest forest, float[] x) {
        int classes = forest.classes();
        double[][] phi = new double[forest.features()][classes];
        double[] expected = new double[classes];
        for (DecisionTree t : forest.trees()) {
            Path root = new Path(64);
            recurse(t, x, 0, root, 1, 1, -1, phi);
            addExpected(t, 0, 1.0, expected);
        }
        double n = forest.trees().size();
        for (double[] f : phi) {
            for (int c = 0; c < classes; c++) {
                f[c] /= n;
            }
        }
        for (int c = 0; c < classes; c++) {
            expected[c] /= n;
        }
        return new Explanation(phi, expected);
    }

    private static void addExpected(DecisionTree t, int node, double share, double[] out) {
        if (t.isLeaf(node)) {
            float[] v = t.leafValues()[node];
            for (int c = 0; c < out.length; c++) {
                out[c] += share * v[c];
            }
            return;
        }
        double cover = t.cover()[node];
        addExpected(t, t.left()[node], share * t.cover()[t.left()[node]] / cover, out);
        addExpected(t, t.right()[node], share * t.cover()[t.right()[node]] / cover, out);
    }

    /** The unique path of features so far: feature, zero fraction, one fraction and subset weight per element. */
    private static final class Path {
        int[] d;
        double[] z;
        double[] o;
        double[] w;
        int length;

        Path(int capacity) {
            d = new int[capacity];
            z = new double[capacity];
            o = new double[capacity];
            w = new double[capacity];
        }

        Path copy() {
            Path p = new Path(Math.max(d.length, length + 2));
            System.arraycopy(d, 0, p.d, 0, length);
            System.arraycopy(z, 0, p.z, 0, length);
            System.arraycopy(o, 0, p.o, 0, length);
            System.arraycopy(w, 0, p.w, 0, length);
            p.length = length;
            return p;
        }

        void extend(double pz, double po, int pi) {
            if (length == d.length) {
                d = Arrays.copyOf(d, length * 2);
                z = Arrays.copyOf(z, length * 2);
                o = Arrays.copyOf(o, length * 2);
                w = Arrays.copyOf(w, length * 2);
            }
            int l = length;
            d[l] = pi;
            z[l] = pz;
            o[l] = po;
            w[l] = l == 0 ? 1 : 0;
            for (int i = l - 1; i >= 0; i--) {
                w[i + 1] += po * w[i] * (i + 1) / (l + 1);
                w[i] = pz * w[i] * (l - i) / (l + 1);
            }
            length++;
        }

        void unwind(int i) {
            int l = length - 1;
            double one = o[i];
            double zero = z[i];
            double next = w[l];
            for (int j = l - 1; j >= 0; j--) {
                if (one != 0) {
                    double t = w[j];
                    w[j] = next * (l + 1) / ((j + 1) * one);
                    next = t - w[j] * zero * (l - j) / (l + 1);
                } else {
                    w[j] = w[j] * (l + 1) / (zero * (l - j));
                }
            }
            for (int j = i; j < l; j++) {
                d[j] = d[j + 1];
                z[j] = z[j + 1];
                o[j] = o[j + 1];
            }
            length--;
        }

        /** The total weight of the path with element i taken out, without changing the path. */
        double unwoundSum(int i) {
            int l = length - 1;
            double one = o[i];
            double zero = z[i];
            double next = w[l];
            double total = 0;
            for (int j = l - 1; j >= 0; j--) {
                if (one != 0) {
                    double t = next * (l + 1) / ((j + 1) * one);
                    total += t;
                    next = w[j] - t * zero * (l - j) / (l + 1);
                } else {
                    total += w[j] / zero * (l + 1) / (l - j);
                }
            }
            return total;
        }
    }

    private static void recurse(DecisionTree t, float[] x, int node, Path parent, double pz, double po, int pi, double[][] phi) {
        Path m = parent.copy();
        m.extend(pz, po, pi);
        if (t.isLeaf(node)) {
            float[] v = t.leafValues()[node];
            for (int i = 1; i < m.length; i++) {
                double s = m.unwoundSum(i) * (m.o[i] - m.z[i]);
                for (int c = 0; c < v.length; c++) {
                    phi[m.d[i]][c] += s * v[c];
                }
            }
            return;
        }
        int f = t.feature()[node];
        int hot = x[f] <= t.threshold()[node] ? t.left()[node] : t.right()[node];
        int cold = hot == t.left()[node] ? t.right()[node] : t.left()[node];
        double iz = 1;
        double io = 1;
        for (int k = 1; k < m.length; k++) {
            if (m.d[k] == f) {
                iz = m.z[k];
                io = m.o[k];
                m.unwind(k);
                break;
            }
        }
        double cover = t.cover()[node];
        recurse(t, x, hot, m, iz * t.cover()[hot] / cover, io, f, phi);
        recurse(t, x, cold, m, iz * t.cover()[cold] / cover, 0, f, phi);
    }
}
