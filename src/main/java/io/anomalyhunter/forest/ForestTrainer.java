package io.anomalyhunter.forest;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains a random forest (Breiman: each tree on a bootstrap draw of the rows, a random subset of features at
 * each split). Trees grow in parallel, each from its own random stream split off the seed in tree order, so the
 * result does not depend on the number of threads: the same data and seed give the same forest bit for bit.
 */
public final class ForestTrainer {
    private ForestTrainer() {
    }

    public static RandomForest train(float[][] rows, int[] labels, int classes, ForestParams params) {
        if (rows.length == 0 || rows.length != labels.length) {
            throw new IllegalArgumentException("no rows, or rows and labels differ in length");
        }
        if (params.classWeights().length != classes) {
            throw new IllegalArgumentException("expected " + classes + " class weights, got " + params.classWeights().length);
        }
        int features = rows[0].length;
        FeatureBins bins = FeatureBins.of(rows, features);
        byte[][] binned = bins.binned(rows);
        SplittableRandom root = new SplittableRandom(params.seed());
        SplittableRandom[] streams = new SplittableRandom[params.trees()];
        for (int t = 0; t < streams.length; t++) {
            streams[t] = root.split();
        }
        List<DecisionTree> trees = IntStream.range(0, params.trees()).parallel()
                .mapToObj(t -> grow(bins, binned, labels, classes, params, streams[t])).toList();
        return new RandomForest(trees, classes, features);
    }

    /**
     * Each training row's class probabilities from the trees that did not draw it (out of bag): an honest estimate
     * of how the forest answers rows it has not seen, for calibration without holding rows back. The draws are
     * made again from the same seed and streams as {@link #train}, so they are the very same bootstrap draws. A row
     * every tree drew (rare with 50 trees: 0.63^50) has NaN probabilities.
     */
    public static double[][] outOfBag(RandomForest forest, float[][] rows, ForestParams params) {
        int n = rows.length;
        SplittableRandom root = new SplittableRandom(params.seed());
        boolean[][] drawn = new boolean[params.trees()][n];
        for (int t = 0; t < params.trees(); t++) {
            SplittableRandom r = root.split();
            for (int i = 0; i < n; i++) {
                drawn[t][r.nextInt(n)] = true;
            }
        }
        int classes = forest.classes();
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            double[] p = new double[classes];
            int trees = 0;
            for (int t = 0; t < params.trees(); t++) {
                if (!drawn[t][i]) {
                    DecisionTree tree = forest.trees().get(t);
                    float[] v = tree.leafValues()[tree.leaf(rows[i])];
                    for (int c = 0; c < classes; c++) {
                        p[c] += v[c];
                    }
                    trees++;
                }
            }
            for (int c = 0; c < classes; c++) {
                p[c] = trees == 0 ? Double.NaN : p[c] / trees;
            }
            return p;
        }).toArray(double[][]::new);
    }

    private static DecisionTree grow(FeatureBins bins, byte[][] binned, int[] labels, int classes, ForestParams params,
                                     SplittableRandom random) {
        int n = labels.length;
        int[] draws = new int[n];
        for (int i = 0; i < n; i++) {
            draws[random.nextInt(n)]++;
        }
        int inBag = 0;
        for (int d : draws) {
            inBag += d > 0 ? 1 : 0;
        }
        int[] rows = new int[inBag];
        double[] weight = new double[n];
        for (int i = 0, k = 0; i < n; i++) {
            if (draws[i] > 0) {
                rows[k++] = i;
                weight[i] = draws[i] * params.classWeights()[labels[i]];
            }
        }
        return new TreeGrower(bins, binned, labels, classes, params).grow(rows, weight, draws, random);
    }
}
