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
