package io.anomalyhunter.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder in NAB's layout: {@code DIR/<category>/<file>.csv} with {@code timestamp,value}, and the windows
 * file, by default {@code DIR/combined_windows.json}, else {@code DIR/../labels/combined_windows.json}.
 */
public final class NabCorpus {
    /** One data file with its windows; {@code name} is "category/file.csv" as the windows file names it. */
    public record Entry(String name, CsvSeries series, List<NabWindow> windows) {
        public Entry {
            windows = List.copyOf(windows);
        }
    }

    private NabCorpus() {
    }

    /** The windows file to use when none is given. */
    public static Optional<Path> defaultLabels(Path dir) {
        for (Path p : List.of(dir.resolve("combined_windows.json"), dir.resolve("../labels/combined_windows.json"))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p.normalize());
            }
        }
        return Optional.empty();
    }

    /**
     * Every data file of the folder, sorted by name, with its windows.
     *
     * @throws CsvSeriesReader.CsvException naming the file at fault: unreadable data, no labels for a file, a
     *         file without a value column, or no data files at all
     */
    public static List<Entry> load(Path dir, Path labelsFile) throws IOException, CsvSeriesReader.CsvException {
        if (!Files.isDirectory(dir)) {
            throw new CsvSeriesReader.CsvException(dir + ": not a folder");
        }
        NabLabels labels = NabLabels.read(labelsFile);
        List<Entry> out = new ArrayList<>();
        CsvSeriesReader reader = new CsvSeriesReader();
        try (Stream<Path> categories = Files.list(dir)) {
            for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> csvs = Files.list(category)) {
                    for (Path csv : csvs.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                        String name = category.getFileName() + "/" + csv.getFileName();
                        if (!labels.contains(name)) {
                            throw new CsvSeriesReader.CsvException(csv + ": no entry \"" + name + "\" in " + labelsFile
                                    + "; every data file needs its windows (an empty list when it has none)");
                        }
                        CsvSeries series = reader.read(csv).stream().filter(s -> s.column().equals("value")).findFirst()
                                .orElseThrow(() -> new CsvSeriesReader.CsvException(csv + ": row 1: no column named "
                                        + "'value'; NAB files are timestamp,value"));
                        out.add(new Entry(name, series, labels.windowsOf(name)));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new CsvSeriesReader.CsvException(dir + ": no data files; expected DIR/<category>/<file>.csv");
        }
        return out;
    }
}
