package io.anomalyhunter.classifier;

import io.anomalyhunter.forest.ForestParams;
import io.anomalyhunter.forest.ForestTrainer;
import io.anomalyhunter.forest.RandomForest;
import io.anomalyhunter.forest.TreeShap;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * How the traffic classifier is trained: a seeded 80/20 split of the labelled rows, a random forest on the 80 %
 * with "balanced" class weights (rows of a class weigh rows/(classes x its rows): U2R's 42 training rows count
 * as much as normal's 54,000), and its measures on the 20 % it never saw. The shipped model is this forest,
 * so its metadata's figures are its own. Parameters were chosen on that validation split only (docs/models.md).
 * Pure: data in, model out.
 */
public final class TrafficTraining {
    public static final int TREES = 50;
    public static final int MAX_DEPTH = 40;
    public static final int MIN_LEAF = 1;
    public static final double VALIDATION_FRACTION = 0.2;
    /** Rows of the validation split whose mean |SHAP| gives the global importances. */
    static final int IMPORTANCE_ROWS = 1000;

    private TrafficTraining() {
    }

    /** A trained forest with what was measured of it. */
    public record Result(RandomForest forest, ForestParams params, int trainingRows, Evaluation validation,
                         List<Importance> importances, Calibration calibration, CalibrationCheck check) {
    }

    /**
     * How well the probabilities mean what they say on the validation split, before (the forest's vote shares) and
     * after calibration: Brier score (mean squared error over the classes) and expected calibration error of the
     * top class (10 bins); and the accuracy of the vote shares' argmax, since the answers use the calibrated one.
     */
    public record CalibrationCheck(double brierVotes, double brierCalibrated, double eceVotes, double eceCalibrated,
                                   double accuracyVotes) {
    }

    /** A feature's mean absolute SHAP contribution over the validation rows, summed over classes. */
    public record Importance(String feature, double value) {
    }

    public static List<String> classNames() {
        return Arrays.stream(TrafficClass.values()).map(TrafficClass::label).toList();
    }

    public static Result train(KddData all, long seed) {
        int classes = TrafficClass.values().length;
        int[][] split = split(all.size(), seed);
        KddData train = SilentTargetScans.addTo(all.subset(split[0]));
        KddData validation = all.subset(split[1]);
        ForestParams params = new ForestParams(TREES, MAX_DEPTH, MIN_LEAF, 0, seed, balancedWeights(train.classes(), classes));
        RandomForest forest = ForestTrainer.train(train.rows(), train.classes(), classes, params);
        // calibrated on the training rows' out-of-bag votes: no row of the validation split is used to fit it
        Calibration calibration = Calibration.fit(ForestTrainer.outOfBag(forest, train.rows(), params), train.classes(), classes);
        double[][] votes = new double[validation.size()][];
        double[][] calibrated = new double[validation.size()][];
        int[] predicted = new int[validation.size()];
        int[] byVotes = new int[validation.size()];
        for (int i = 0; i < predicted.length; i++) {
            votes[i] = forest.probabilities(validation.rows()[i]);
            calibrated[i] = calibration.apply(votes[i]);
            predicted[i] = RandomForest.argmax(calibrated[i]);
            byVotes[i] = RandomForest.argmax(votes[i]);
        }
        Evaluation e = Evaluation.of(validation.classes(), predicted, classes);
        CalibrationCheck check = new CalibrationCheck(brier(votes, validation.classes()), brier(calibrated, validation.classes()),
                ece(votes, validation.classes()), ece(calibrated, validation.classes()),
                Evaluation.of(validation.classes(), byVotes, classes).accuracy());
        return new Result(forest, params, split[0].length, e, importances(forest, validation), calibration, check);
    }

    static double brier(double[][] p, int[] labels) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                double d = p[i][c] - (labels[i] == c ? 1 : 0);
                sum += d * d;
            }
        }
        return sum / p.length;
    }

    /** Expected calibration error of the top class over 10 equal-width confidence bins. */
    static double ece(double[][] p, int[] labels) {
        double[] conf = new double[10];
        double[] hits = new double[10];
        int[] n = new int[10];
        for (int i = 0; i < p.length; i++) {
            int top = RandomForest.argmax(p[i]);
            int bin = Math.min(9, (int) (p[i][top] * 10));
            conf[bin] += p[i][top];
            hits[bin] += labels[i] == top ? 1 : 0;
            n[bin]++;
        }
        double sum = 0;
        for (int b = 0; b < 10; b++) {
            sum += Math.abs(conf[b] - hits[b]);
        }
        return sum / p.length;
    }

    /** Row indices, shuffled by the seed: [0] the training rows, [1] the validation rows. */
    static int[][] split(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int cut = (int) Math.round(n * (1 - VALIDATION_FRACTION));
        return new int[][] {Arrays.copyOfRange(idx, 0, cut), Arrays.copyOfRange(idx, cut, n)};
    }

    static double[] balancedWeights(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int c : labels) {
            counts[c]++;
        }
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 1 : (double) labels.length / (classes * (double) counts[c]);
        }
        return w;
    }

    /** Rows are explained in parallel and summed in row order, so the figures do not depend on the thread count. */
    private static List<Importance> importances(RandomForest forest, KddData validation) {
        int rows = Math.min(IMPORTANCE_ROWS, validation.size());
        double[][] perRow = IntStream.range(0, rows).parallel().mapToObj(i -> absoluteContributions(forest, validation.rows()[i]))
                .toArray(double[][]::new);
        double[] sum = new double[forest.features()];
        for (double[] row : perRow) {
            for (int f = 0; f < sum.length; f++) {
                sum[f] += row[f];
            }
        }
        return IntStream.range(0, sum.length).mapToObj(f -> new Importance(KddSchema.FEATURES.get(f), sum[f] / rows))
                .sorted((a, b) -> Double.compare(b.value(), a.value())).toList();
    }

    private static double[] absoluteContributions(RandomForest forest, float[] row) {
        double[][] phi = TreeShap.explain(forest, row).contributions();
        double[] out = new double[phi.length];
        for (int f = 0; f < phi.length; f++) {
            for (double v : phi[f]) {
                out[f] += Math.abs(v);
            }
        }
        return out;
    }
}
