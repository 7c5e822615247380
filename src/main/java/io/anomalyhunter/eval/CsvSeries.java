package io.anomalyhunter.eval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One value column of a CSV file as a series: its rows in file order, each row's time and the
 * timestamp text as written (result files repeat it). {@code warnings} name file, row and column of
 * what was accepted but is odd (a timestamp that repeats or goes backward).
 */
public record CsvSeries(String file, String column, List<String> timestampText, Instant[] times, double[] values,
                        List<String> warnings) {
    public CsvSeries {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(column, "column");
        timestampText = List.copyOf(timestampText);
        warnings = List.copyOf(warnings);
        if (times.length != values.length || times.length != timestampText.size()) {
            throw new IllegalArgumentException(file + ": times, values and timestamps differ in length");
        }
    }

    public int size() {
        return values.length;
    }
}
