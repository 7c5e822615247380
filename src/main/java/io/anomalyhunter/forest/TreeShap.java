package io.anomalyhunter.forest;

/**
 * Exact SHAP values of a forest's class probabilities for one row, by the polynomial-time TreeSHAP algorithm
 * (Lundberg, Erion and Lee 2018, Algorithm 2): for each tree a walk that carries, along the decision path,
 * the share of feature subsets that reach each node, weighted by the training cover of the branches. The
 * contributions of every feature plus the expected value equal the prediction exactly (up to rounding).
 * Pure and thread-safe: each call has its own workspace.
 */
public final class TreeShap {
    private static final int MAX_PATH = 256;
    /** 1/k for the path lengths a walk meets. */
    private static final double[] RECIPROCAL = new double[MAX_PATH + 2];

    static {
        for (int k = 1; k < RECIPROCAL.length; k++) {
            RECIPROCAL[k] = 1.0 / k;
        }
    }

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
            int depth = depth(t);
            if (depth > MAX_PATH) {
                throw new IllegalArgumentException("a tree deeper than " + MAX_PATH + " levels");
            }
            recurse(t, x, 0, new Paths(depth), -1, 0, 1, 1, -1, phi);
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

    /**
     * The unique paths of one walk, one per depth, in flat arrays: a child's path starts as a copy of its
     * parent's in the next slot, so a walk allocates once per tree instead of once per node (the per-node copies
     * cost more than the arithmetic). Per element: feature, zero fraction, one fraction and subset weight.
     */
    private static final class Paths {
        final int stride;
        final int[] d;
        final double[] z;
        final double[] o;
        final double[] w;

        Paths(int maxDepth) {
            stride = maxDepth + 2;
            int size = stride * (maxDepth + 2);
            d = new int[size];
            z = new double[size];
            o = new double[size];
            w = new double[size];
        }

        /** Copies the path at slot {@code from} (of {@code length} elements) into slot {@code from + 1}. */
        void copyDown(int from, int length) {
            int a = from * stride;
            int b = a + stride;
            System.arraycopy(d, a, d, b, length);
            System.arraycopy(z, a, z, b, length);
            System.arraycopy(o, a, o, b, length);
            System.arraycopy(w, a, w, b, length);
        }

        /** Adds an element to the path at {@code base} of {@code length} elements; the new length is length + 1. */
        void extend(int base, int length, double pz, double po, int pi) {
            int l = length;
            d[base + l] = pi;
            z[base + l] = pz;
            o[base + l] = po;
            w[base + l] = l == 0 ? 1 : 0;
            for (int i = l - 1; i >= 0; i--) {
                w[base + i + 1] += po * w[base + i] * (i + 1) / (l + 1);
                w[base + i] = pz * w[base + i] * (l - i) / (l + 1);
            }
        }

        /** Takes element i out of the path at {@code base} of {@code length} elements; the new length is length - 1. */
        void unwind(int base, int length, int i) {
            int l = length - 1;
            double one = o[base + i];
            double zero = z[base + i];
            double next = w[base + l];
            for (int j = l - 1; j >= 0; j--) {
                if (one != 0) {
                    double t = w[base + j];
                    w[base + j] = next * (l + 1) / ((j + 1) * one);
                    next = t - w[base + j] * zero * (l - j) / (l + 1);
                } else {
                    w[base + j] = w[base + j] * (l + 1) / (zero * (l - j));
                }
            }
            for (int j = i; j < l; j++) {
                d[base + j] = d[base + j + 1];
                z[base + j] = z[base + j + 1];
                o[base + j] = o[base + j + 1];
            }
        }

        /** The total weight of the path with element i taken out, without changing the path. */
        double unwoundSum(int base, int length, int i) {
            int l = length - 1;
            double one = o[base + i];
            double zero = z[base + i];
            double next = w[base + l];
            double total = 0;
            // Reciprocals instead of divisions: this loop runs depth times per leaf and dominates the walk.
            if (one != 0) {
                double scale = (l + 1) / one;
                double down = zero / (l + 1);
                for (int j = l - 1; j >= 0; j--) {
                    double t = next * scale * RECIPROCAL[j + 1];
                    total += t;
                    next = w[base + j] - t * down * (l - j);
                }
            } else {
                double scale = (l + 1) / zero;
                for (int j = l - 1; j >= 0; j--) {
                    total += w[base + j] * scale * RECIPROCAL[l - j];
                }
            }
            return total;
        }
    }

    /**
     * One step of the walk: the path of the parent is at {@code slot}; this node's path goes into slot + 1.
     */
    private static void recurse(DecisionTree t, float[] x, int node, Paths p, int slot, int parentLength,
                                double pz, double po, int pi, double[][] phi) {
        int mine = slot + 1;
        int base = mine * p.stride;
        if (slot >= 0) {
            p.copyDown(slot, parentLength);
        }
        p.extend(base, parentLength, pz, po, pi);
        int length = parentLength + 1;
        if (t.isLeaf(node)) {
            float[] v = t.leafValues()[node];
            for (int i = 1; i < length; i++) {
                double s = p.unwoundSum(base, length, i) * (p.o[base + i] - p.z[base + i]);
                double[] row = phi[p.d[base + i]];
                for (int c = 0; c < v.length; c++) {
                    row[c] += s * v[c];
                }
            }
            return;
        }
        int f = t.feature()[node];
        int hot = x[f] <= t.threshold()[node] ? t.left()[node] : t.right()[node];
        int cold = hot == t.left()[node] ? t.right()[node] : t.left()[node];
        double iz = 1;
        double io = 1;
        for (int k = 1; k < length; k++) {
            if (p.d[base + k] == f) {
                iz = p.z[base + k];
                io = p.o[base + k];
                p.unwind(base, length, k);
                length--;
                break;
            }
        }
        double cover = t.cover()[node];
        recurse(t, x, hot, p, mine, length, iz * t.cover()[hot] / cover, io, f, phi);
        recurse(t, x, cold, p, mine, length, iz * t.cover()[cold] / cover, 0, f, phi);
    }

    /** The depth of the deepest leaf, which bounds a path's length. */
    static int depth(DecisionTree t) {
        return depth(t, 0);
    }

    private static int depth(DecisionTree t, int node) {
        return t.isLeaf(node) ? 0 : 1 + Math.max(depth(t, t.left()[node]), depth(t, t.right()[node]));
    }
}
