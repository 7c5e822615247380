package io.anomalyhunter.eval;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One NAB data file with a detector's score for every row. {@code name} is "category/file.csv", as the
 * label file names it. NAB works by row order: timestamps may repeat and need not increase.
 */
public record NabFile(String name, List<LocalDateTime> timestamps, double[] scores, List<NabWindow> windows) {
    public NabFile {
        Objects.requireNonNull(name, "name");
        timestamps = List.copyOf(timestamps);
        windows = List.copyOf(windows);
        if (timestamps.size() != scores.length) {
            throw new IllegalArgumentException(name + ": " + timestamps.size() + " rows but " + scores.length + " scores");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException(name + ": row " + (i + 1) + ": anomaly score " + scores[i]
                        + " is outside [0,1]");
            }
        }
    }

    /** The category, the folder part of the name ("" when there is none). */
    public String category() {
        int slash = name.indexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** NAB's probationary period: the first min(floor(0.15 n), 750) rows are not scored. */
    public int probationaryRows() {
        return (int) Math.min(Math.floor(0.15 * timestamps.size()), 0.15 * 5000);
    }
}
