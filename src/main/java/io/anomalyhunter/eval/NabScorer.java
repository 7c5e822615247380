package io.anomalyhunter.eval;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Numenta Anomaly Benchmark's scoring, as NAB's sweeper, optimiser and normaliser do it: every
 * scored row gets a weight from its place relative to the windows (a scaled sigmoid), only the earliest
 * detection in a window counts, every detection outside one costs, and one threshold is chosen for the
 * whole corpus by sweeping every distinct score. Pure computation; see ../shared/data/nab-dev/NAB_SCORING.md.
 */
public final class NabScorer {
    /** The threshold at which nothing is detected; the sweep starts there. */
    static final double NO_DETECTION = 1.1;

    /** One scorable row: the detector's score, what a detection there is worth, and its window (-1: none). */
    private record Row(double score, double value, int window) {
    }

    /** The best threshold for the corpus under {@code profile}, scored. */
    public NabScore sweep(List<NabFile> files, NabProfile profile) {
        Corpus corpus = rowsOf(files, profile);
        Row[] sorted = corpus.rows.toArray(new Row[0]);
        Arrays.sort(sorted, Comparator.comparingDouble(Row::score).reversed()); // stable, like NAB's sort
        double[] part = new double[corpus.windows];
        Arrays.fill(part, -profile.fnWeight());
        double fpSum = 0;
        double windowSum = -profile.fnWeight() * corpus.scorableWindows();
        double threshold = NO_DETECTION;
        double bestThreshold = NO_DETECTION;
        double best = windowSum;
        for (Row r : sorted) {
            if (r.score != threshold) {
                double s = windowSum + fpSum;
                if (s > best) {
                    best = s;
                    bestThreshold = threshold;
                }
                threshold = r.score;
            }
            if (r.window < 0) {
                fpSum += r.value;
            } else if (r.value > part[r.window]) {
                windowSum += r.value - part[r.window];
                part[r.window] = r.value;
            }
        }
        if (windowSum + fpSum > best) {
            bestThreshold = threshold;
        }
        return at(files, profile, bestThreshold);
    }

    /** The corpus scored with detections where the score is at least {@code threshold}. */
    public NabScore at(List<NabFile> files, NabProfile profile, double threshold) {
        Map<String, List<NabFile>> byCategory = new TreeMap<>();
        for (NabFile f : files) {
            byCategory.computeIfAbsent(f.category(), c -> new ArrayList<>()).add(f);
        }
        List<NabScore.CategoryScore> categories = new ArrayList<>();
        for (Map.Entry<String, List<NabFile>> e : byCategory.entrySet()) {
            Tally t = tally(e.getValue(), profile, threshold);
            categories.add(new NabScore.CategoryScore(e.getKey(), e.getValue().size(), t.windows, t.raw,
                    t.windows == 0 ? Double.NaN : normalise(t.raw, t.windows, profile), t.tp, t.fp, t.fn));
        }
        Tally all = tally(files, profile, threshold);
        return new NabScore(profile, threshold, all.raw, normalise(all.raw, all.windows, profile), all.tp, all.fp, all.fn,
                categories);
    }

    /** 100 (S - S_null) / (S_perfect - S_null), where the null detector misses every window. */
    static double normalise(double raw, int windows, NabProfile p) {
        double nullScore = -p.fnWeight() * windows;
        double perfect = p.tpWeight() * windows;
        return 100 * (raw - nullScore) / (perfect - nullScore);
    }

    /** NAB's scaled sigmoid of a relative position: about +1 at a window's left edge, toward -1 past it. */
    static double scaledSigmoid(double position) {
        return position >= 3.0 ? -1.0 : 2 / (1 + Math.exp(5 * position)) - 1;
    }

    private record Tally(double raw, int windows, int tp, int fp, int fn) {
    }

    private Tally tally(List<NabFile> files, NabProfile profile, double threshold) {
        Corpus corpus = rowsOf(files, profile);
        double[] part = new double[corpus.windows];
        boolean[] hit = new boolean[corpus.windows];
        Arrays.fill(part, -profile.fnWeight());
        double fpSum = 0;
        int fp = 0;
        for (Row r : corpus.rows) {
            if (r.score < threshold) {
                continue;
            }
            if (r.window < 0) {
                fpSum += r.value;
                fp++;
            } else {
                hit[r.window] = true;
                part[r.window] = Math.max(part[r.window], r.value);
            }
        }
        double raw = fpSum;
        int tp = 0;
        for (int w = 0; w < corpus.windows; w++) {
            if (corpus.scorable[w]) {
                raw += part[w];
                tp += hit[w] ? 1 : 0;
            }
        }
        return new Tally(raw, corpus.windows, tp, fp, corpus.scorableWindows() - tp);
    }

    /** Every scorable row of every file; windows are numbered across the corpus. */
    private static final class Corpus {
        final List<Row> rows = new ArrayList<>();
        int windows;
        boolean[] scorable = new boolean[0];

        int scorableWindows() {
            int n = 0;
            for (boolean s : scorable) {
                n += s ? 1 : 0;
            }
            return n;
        }
    }

    private static Corpus rowsOf(List<NabFile> files, NabProfile profile) {
        Corpus c = new Corpus();
        int total = files.stream().mapToInt(f -> f.windows().size()).sum();
        c.scorable = new boolean[total];
        for (NabFile f : files) {
            addRows(f, profile, c);
        }
        return c;
    }

    /** NAB's per-row walk: window rows are found by timestamp, the first equal row, as Python's list.index. */
    private static void addRows(NabFile f, NabProfile p, Corpus c) {
        List<LocalDateTime> ts = f.timestamps();
        int probation = f.probationaryRows();
        double maxTp = scaledSigmoid(-1.0);
        int next = 0; // the next window of this file
        int current = -1; // corpus index of the window we are in
        double width = 0;
        int right = -1;
        double prevWidth = 0;
        int prevRight = -1;
        for (int i = 0; i < ts.size(); i++) {
            LocalDateTime t = ts.get(i);
            if (current < 0 && next < f.windows().size() && t.equals(f.windows().get(next).start())) {
                NabWindow w = f.windows().get(next);
                right = indexOf(ts, w.end(), f.name());
                width = right - indexOf(ts, w.start(), f.name()) + 1;
                current = c.windows + next;
                next++;
            }
            double value;
            if (current >= 0) {
                value = scaledSigmoid(-(right - i + 1) / width) * p.tpWeight() / maxTp;
            } else {
                double position = prevRight < 0 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
                value = scaledSigmoid(position) * p.fpWeight();
            }
            if (i >= probation) {
                c.rows.add(new Row(f.scores()[i], value, current));
                if (current >= 0) {
                    c.scorable[current] = true;
                }
            }
            if (current >= 0 && t.equals(f.windows().get(next - 1).end())) {
                prevRight = i;
                prevWidth = width;
                current = -1;
            }
        }
        if (next < f.windows().size()) {
            throw new IllegalArgumentException(f.name() + ": window starting " + f.windows().get(next).start()
                    + " does not start at a row of the file");
        }
        c.windows += f.windows().size();
    }

    private static int indexOf(List<LocalDateTime> ts, LocalDateTime t, String file) {
        int i = ts.indexOf(t);
        if (i < 0) {
            throw new IllegalArgumentException(file + ": window bound " + t + " is not a row of the file");
        }
        return i;
    }
}
