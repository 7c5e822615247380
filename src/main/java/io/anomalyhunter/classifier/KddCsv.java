package io.anomalyhunter.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows to classify, streamed in batches: NSL-KDD rows without a header (41 features, then perhaps the label and
 * the difficulty), or a CSV whose first line names the columns (all 41 features by name, in any order, other
 * columns ignored; a {@code label} column, if any, is carried along). A row that does not fit stops the read
 * with its line and column named.
 */
public final class KddCsv {
    /** A batch: its rows, their labels as given (null where none), and the line number of its first row. */
    public record Batch(float[][] rows, List<String> labels, long firstLine) {
    }

    public interface BatchSink {
        void accept(Batch batch) throws IOException;
    }

    private KddCsv() {
    }

    /** Reads everything, handing batches of up to {@code size} rows to {@code sink}; returns the rows read. */
    public static long read(Reader source, String name, int size, BatchSink sink) throws IOException {
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source, 1 << 16);
        String line = in.readLine();
        long n = 1;
        while (line != null && line.isBlank()) {
            line = in.readLine();
            n++;
        }
        if (line == null) {
            return 0;
        }
        int[] columns = null;
        int labelColumn = 41;
        if (isHeader(line)) {
            Map<String, Integer> byName = new HashMap<>();
            String[] h = line.split(",", -1);
            for (int i = 0; i < h.length; i++) {
                byName.put(h[i].strip().toLowerCase(java.util.Locale.ROOT), i);
            }
            columns = new int[KddSchema.FEATURES.size()];
            for (int f = 0; f < columns.length; f++) {
                Integer at = byName.get(KddSchema.FEATURES.get(f));
                if (at == null) {
                    throw new KddFormatException(name + ":" + n + ": the header has no column '" + KddSchema.FEATURES.get(f) + "'");
                }
                columns[f] = at;
            }
            labelColumn = byName.getOrDefault("label", -1);
            line = in.readLine();
            n++;
        }
        long total = 0;
        List<float[]> rows = new ArrayList<>(size);
        List<String> labels = new ArrayList<>(size);
        long first = n;
        String[] ordered = new String[KddSchema.FEATURES.size()];
        for (; line != null; line = in.readLine(), n++) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (rows.isEmpty()) {
                first = n;
            }
            if (columns == null) {
                if (f.length < 41 || f.length > 43) {
                    throw new KddFormatException(name + ":" + n + ": expected 41 to 43 comma-separated fields (41 features, "
                            + "perhaps the label and the difficulty), got " + f.length);
                }
                rows.add(KddReader.features(f, name + ":" + n));
                labels.add(f.length > labelColumn ? f[labelColumn].strip() : null);
            } else {
                for (int c = 0; c < columns.length; c++) {
                    if (columns[c] >= f.length) {
                        throw new KddFormatException(name + ":" + n + ": column '" + KddSchema.FEATURES.get(c) + "' is missing ("
                                + f.length + " fields on the line)");
                    }
                    ordered[c] = f[columns[c]];
                }
                rows.add(KddReader.features(ordered, name + ":" + n));
                labels.add(labelColumn >= 0 && labelColumn < f.length ? f[labelColumn].strip() : null);
            }
            if (rows.size() == size) {
                sink.accept(new Batch(rows.toArray(float[][]::new), nulls(labels), first));
                total += rows.size();
                rows.clear();
                labels.clear();
            }
        }
        if (!rows.isEmpty()) {
            sink.accept(new Batch(rows.toArray(float[][]::new), nulls(labels), first));
            total += rows.size();
        }
        return total;
    }

    /** List.copyOf refuses nulls: keep them in an unmodifiable view of a copy. */
    private static List<String> nulls(List<String> labels) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(labels));
    }

    /** A first line that names columns: its first field is not a number. */
    static boolean isHeader(String line) {
        String first = line.split(",", 2)[0].strip();
        try {
            Double.parseDouble(first);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
