package io.anomalyhunter.hostmodel;

import io.anomalyhunter.series.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The series a host model reads, in order, with their training mean and deviation: the baseline its explanations
 * measure against. Pure.
 */
record FeatureSpace(List<SeriesKey> features, double[] mean, double[] deviation) {
    /** Present in at least this share of the training intervals to be a feature (a series that comes and goes is not). */
    static final double MIN_PRESENCE = 0.9;
    static final int MAX_FEATURES = 64;
    /**
     * A series this correlated with time over the training intervals is a trend (disk filling, a counter), not a
     * state: it leaves its training range for good and would keep the model alarmed, so it is no feature. The
     * baseline detectors still watch it.
     */
    static final double MAX_TREND = 0.9;
    /** Series that are verdicts or the model's own output, not measurements of the host. */
    private static final Set<String> NOT_FEATURES = Set.of(HostModelMetrics.SCORE, "net_attack", "host_anomaly_rate_percent");

    FeatureSpace {
        features = List.copyOf(features);
    }

    /**
     * The features of a training set: series present in nearly every interval and not constant, the host's own
     * (fewest labels) first, then by name, at most {@link #MAX_FEATURES}; with their mean and deviation. Trends
     * (see {@link #MAX_TREND}) are left out.
     */
    static FeatureSpace select(List<WindowVectors.Window> windows) {
        Map<SeriesKey, Integer> presence = new HashMap<>();
        windows.forEach(w -> w.values().keySet().forEach(k -> presence.merge(k, 1, Integer::sum)));
        List<SeriesKey> candidates = new ArrayList<>();
        presence.forEach((k, n) -> {
            if (n >= MIN_PRESENCE * windows.size() && !NOT_FEATURES.contains(k.metric())) {
                candidates.add(k);
            }
        });
        candidates.sort(Comparator.comparingInt((SeriesKey k) -> k.labels().size()).thenComparing(SeriesKey::text));
        List<SeriesKey> chosen = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        for (SeriesKey k : candidates) {
            double[] ms = meanAndDeviation(windows, k);
            if (ms[1] > 0 && chosen.size() < MAX_FEATURES && Math.abs(timeCorrelation(windows, k)) < MAX_TREND) {
                chosen.add(k);
                stats.add(ms);
            }
        }
        double[] mean = new double[chosen.size()];
        double[] dev = new double[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            mean[i] = stats.get(i)[0];
            dev[i] = stats.get(i)[1];
        }
        return new FeatureSpace(chosen, mean, dev);
    }

    private static double[] meanAndDeviation(List<WindowVectors.Window> windows, SeriesKey k) {
        double sum = 0;
        int n = 0;
        for (WindowVectors.Window w : windows) {
            Double v = w.values().get(k);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        double m = sum / n;
        double sq = 0;
        for (WindowVectors.Window w : windows) {
            Double v = w.values().get(k);
            if (v != null) {
                sq += (v - m) * (v - m);
            }
        }
        return new double[] {m, Math.sqrt(sq / n)};
    }

    /** Pearson correlation of the series' values with their interval's position in the training run. */
    static double timeCorrelation(List<WindowVectors.Window> windows, SeriesKey k) {
        double n = 0, st = 0, sv = 0, stt = 0, svv = 0, stv = 0;
        for (int i = 0; i < windows.size(); i++) {
            Double v = windows.get(i).values().get(k);
            if (v != null) {
                n++;
                st += i;
                sv += v;
                stt += (double) i * i;
                svv += v * v;
                stv += i * v;
            }
        }
        double cov = stv / n - (st / n) * (sv / n);
        double vt = stt / n - (st / n) * (st / n);
        double vv = svv / n - (sv / n) * (sv / n);
        return vt <= 0 || vv <= 0 ? 0 : cov / Math.sqrt(vt * vv);
    }

    /** The window as the model's input; a feature absent from it takes its training mean (it moved nowhere). */
    float[] vector(WindowVectors.Window w) {
        float[] v = new float[features.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = w.values().get(features.get(i));
            v[i] = (float) (x == null ? mean[i] : x);
        }
        return v;
    }

    /** A feature and how far it moved from its training mean, in training deviations. */
    record Moved(SeriesKey series, double value, double mean, double deviation, double sigmas) {
        String text() {
            return String.format(Locale.ROOT, "%s %s (baseline %s ± %s, %+.1fσ)", series.text(), number(value),
                    number(mean), number(deviation), sigmas);
        }
    }

    /** The {@code top} features of {@code v} farthest from their training mean, farthest first. */
    List<Moved> moved(float[] v, int top) {
        List<Moved> all = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            all.add(new Moved(features.get(i), v[i], mean[i], deviation[i], (v[i] - mean[i]) / deviation[i]));
        }
        all.sort(Comparator.comparingDouble((Moved m) -> -Math.abs(m.sigmas())));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    private static String number(double x) {
        return Math.abs(x) >= 100 || x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x)
                : String.format(Locale.ROOT, "%.3g", x);
    }
}
