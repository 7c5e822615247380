package io.anomalyhunter.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * How predictions compare with the truth: the confusion matrix and what follows from it.
 *
 * @param confusion [true class][predicted class] counts; a last column counts the rows answered "unknown"
 */
public record Evaluation(long[][] confusion) {
    public record PerClass(String name, double precision, double recall, double f1, long support) {
    }

    /** Counts predictions; {@code predicted} -1 is "unknown". */
    public static Evaluation of(int[] truth, int[] predicted, int classes) {
        long[][] m = new long[classes][classes + 1];
        for (int i = 0; i < truth.length; i++) {
            m[truth[i]][predicted[i] < 0 ? classes : predicted[i]]++;
        }
        return new Evaluation(m);
    }

    private int classes() {
        return confusion.length;
    }

    public long rows() {
        long n = 0;
        for (long[] r : confusion) {
            for (long v : r) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes(); c++) {
            right += confusion[c][c];
        }
        return rows() == 0 ? 0 : (double) right / rows();
    }

    public long unknown() {
        long n = 0;
        for (long[] r : confusion) {
            n += r[classes()];
        }
        return n;
    }

    public List<PerClass> perClass(List<String> names) {
        List<PerClass> out = new ArrayList<>();
        for (int c = 0; c < classes(); c++) {
            long tp = confusion[c][c];
            long predicted = 0;
            long actual = 0;
            for (int o = 0; o < classes(); o++) {
                predicted += confusion[o][c];
            }
            for (long v : confusion[c]) {
                actual += v;
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = actual == 0 ? 0 : (double) tp / actual;
            out.add(new PerClass(names.get(c), p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), actual));
        }
        return out;
    }

    /** The mean F1 over the classes that occur in the data. */
    public double macroF1(List<String> names) {
        return perClass(names).stream().filter(p -> p.support() > 0).mapToDouble(PerClass::f1).average().orElse(0);
    }
}
