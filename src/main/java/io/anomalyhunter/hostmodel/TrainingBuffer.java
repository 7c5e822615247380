package io.anomalyhunter.hostmodel;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intervals the next training reads, compact (one float per series and interval, NaN where absent) and
 * bounded: when full, every other interval is dropped and from then on only every second one is kept, so the buffer
 * always covers the whole span it was given, more thinly as it grows. Pure; not thread-safe.
 */
final class TrainingBuffer {
    private final int capacity;
    private final Map<SeriesKey, Integer> columns = new HashMap<>();
    private final List<SeriesKey> keys = new ArrayList<>();
    private final List<float[]> rows = new ArrayList<>();
    private final List<Instant> ends = new ArrayList<>();
    private long offered;
    private long stride = 1;

    TrainingBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(WindowVectors.Window w) {
        if (offered++ % stride != 0) {
            return;
        }
        w.values().keySet().forEach(k -> columns.computeIfAbsent(k, x -> {
            keys.add(x);
            return keys.size() - 1;
        }));
        float[] row = new float[keys.size()];
        java.util.Arrays.fill(row, Float.NaN);
        w.values().forEach((k, v) -> row[columns.get(k)] = v.floatValue());
        rows.add(row);
        ends.add(w.end());
        if (rows.size() >= capacity) {
            thin();
        }
    }

    private void thin() {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (i % 2 == 1) {
                rows.remove(i);
                ends.remove(i);
            }
        }
        stride *= 2;
    }

    /** Forgets intervals that ended before {@code before} (retraining reads the recent past). */
    void forgetBefore(Instant before) {
        int drop = 0;
        while (drop < ends.size() && ends.get(drop).isBefore(before)) {
            drop++;
        }
        rows.subList(0, drop).clear();
        ends.subList(0, drop).clear();
    }

    int size() {
        return rows.size();
    }

    /** The first interval's end, if any. */
    java.util.Optional<Instant> first() {
        return ends.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(ends.get(0));
    }

    /** The kept intervals as vectors again, for training. */
    List<WindowVectors.Window> windows() {
        List<WindowVectors.Window> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            Map<SeriesKey, Double> values = new HashMap<>();
            for (int c = 0; c < row.length; c++) {
                if (!Float.isNaN(row[c])) {
                    values.put(keys.get(c), (double) row[c]);
                }
            }
            out.add(new WindowVectors.Window(ends.get(r), values));
        }
        return out;
    }
}
