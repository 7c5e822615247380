package io.anomalyhunter.eval;

import java.util.List;
import java.util.Objects;

/**
 * A detector's NAB result under one profile at one threshold: the raw score, the normalised score
 * (0 = detect nothing, 100 = every window at its first row and nothing else), windows detected (tp)
 * and missed (fn), and detections outside every window (fp, rows).
 */
public record NabScore(NabProfile profile, double threshold, double raw, double normalised, int tp, int fp, int fn,
                       List<CategoryScore> categories) {
    public NabScore {
        Objects.requireNonNull(profile, "profile");
        categories = List.copyOf(categories);
    }

    /**
     * The same figures for one category at the corpus threshold; {@code normalised} is NaN for a
     * category without windows, where only false positives can be counted.
     */
    public record CategoryScore(String category, int files, int windows, double raw, double normalised, int tp, int fp,
                                int fn) {
    }
}
