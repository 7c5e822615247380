package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.SeriesDetectors;
import io.anomalyhunter.eval.CsvSeries;
import io.anomalyhunter.eval.CsvSeriesReader;
import io.anomalyhunter.eval.NabEvaluation;
import io.anomalyhunter.eval.ReplayRow;
import io.anomalyhunter.eval.SeriesReplay;
import io.anomalyhunter.series.SeriesKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * anomaly-hunter detect FILE.csv...: series from CSV files through the daemon's detector chain, with the
 * daemon's configuration; per row the score, whether it is anomalous, the expected band and its anomaly.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Stream time series from CSV files (a header naming the columns: a time column, then one column "
                + "per series, e.g. NAB's timestamp,value) through the daemon's detectors.",
                "Writes per row: score, anomalous (0/1), expected band and the anomaly id; prints the anomalies found.",
                "Without --out the rows go to standard output as CSV; with --json one JSON document."})
final class DetectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv", arity = "1..*", description = "CSV files.")
    List<Path> files;

    @Option(names = "--out", paramLabel = "DIR", description = "Write one CSV of rows per series into DIR.")
    Path out;

    @Option(names = "--learning", paramLabel = "15%|2h|500", converter = LearningOption.Converter.class,
            description = "How long each series learns before it is judged: a share of its rows, a duration or a number "
                    + "of rows (default: 15%% of the rows, NAB's probationary share).")
    LearningOption learning = LearningOption.NAB;

    @Option(names = "--json", description = "Print rows and anomalies as one JSON document.")
    boolean json;

    @Mixin
    ConfigOption config;

    /** One replayed series: where it came from and what the chain made of it. */
    record Replayed(CsvSeries series, SeriesKey key, SeriesReplay.Result result) {
    }

    @Override
    public Integer call() {
        AppConfig c = config.loadOrReport().orElse(null);
        if (c == null) {
            return RootCommand.BAD_INPUT;
        }
        List<Replayed> replayed = new ArrayList<>();
        try {
            CsvSeriesReader reader = new CsvSeriesReader();
            ReplayChains chains = new ReplayChains(c);
            for (Path f : files) {
                List<CsvSeries> all = reader.read(f);
                all.get(0).warnings().forEach(w -> System.err.println("warning: " + w));
                for (CsvSeries s : all) {
                    SeriesKey key = SeriesKey.of(metricName(s.column()), "file", f.getFileName().toString());
                    replayed.add(new Replayed(s, key, SeriesReplay.run(s, chain(chains, key, s), chains.tracker())));
                }
            }
            if (out != null) {
                writeFiles(replayed);
            }
        } catch (CsvSeriesReader.CsvException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        }
        if (json) {
            System.out.println(toJson(replayed));
        } else if (out == null) {
            printRows(replayed, System.out);
            printSummary(replayed, System.err);
        } else {
            printSummary(replayed, System.out);
        }
        return RootCommand.OK;
    }

    private SeriesDetectors chain(ReplayChains chains, SeriesKey key, CsvSeries s) {
        return chains.factory().forReplay(key, learning.period(), learning.rowsOf(s.size()),
                NabEvaluation.medianInterval(s.times()));
    }

    /** A column name as a metric name: characters a metric name cannot hold become underscores. */
    static String metricName(String column) {
        String m = column.replaceAll("[^a-zA-Z0-9_]", "_");
        return m.isEmpty() || Character.isDigit(m.charAt(0)) ? "_" + m : m;
    }

    private void writeFiles(List<Replayed> replayed) throws IOException {
        Files.createDirectories(out);
        for (Replayed r : replayed) {
            String stem = r.key().labels().get("file").replaceFirst("\\.csv$", "");
            long sameFile = replayed.stream().filter(o -> o.key().labels().equals(r.key().labels())).count();
            Path file = out.resolve(sameFile > 1 ? stem + "_" + r.key().metric() + ".csv" : stem + ".csv");
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,score,anomalous,expected_low,expected_high,anomaly\n");
                writeRows(r, w, false);
            }
        }
    }

    private static void writeRows(Replayed r, Writer w, boolean withSeries) throws IOException {
        for (ReplayRow row : r.result().rows()) {
            w.write((withSeries ? r.key().text().replace(",", ";") + "," : "") + row.timestamp() + "," + row.value() + ","
                    + String.format(Locale.ROOT, "%.6f", row.score()) + "," + (row.anomalous() ? 1 : 0) + ","
                    + num(row.expectedLow()) + "," + num(row.expectedHigh()) + "," + (row.anomalyId() == 0 ? "" : row.anomalyId())
                    + "\n");
        }
    }

    private static void printRows(List<Replayed> replayed, PrintStream ps) {
        try {
            Writer w = new java.io.OutputStreamWriter(ps, StandardCharsets.UTF_8);
            w.write("series,timestamp,value,score,anomalous,expected_low,expected_high,anomaly\n");
            for (Replayed r : replayed) {
                writeRows(r, w, true);
            }
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void printSummary(List<Replayed> replayed, PrintStream ps) {
        for (Replayed r : replayed) {
            List<Anomaly> as = r.result().anomalies();
            ps.printf(Locale.ROOT, "%s: %d rows, %d anomalies%n", r.key().text(), r.series().size(), as.size());
            for (Anomaly a : as) {
                ps.printf(Locale.ROOT, "  #%d %s .. %s peak %s at %s, score %.2f: %s%n", a.id(), a.start(), a.end(),
                        num(a.peakValue()), a.peakTime(), a.score(), a.reason());
            }
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String toJson(List<Replayed> replayed) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode list = root.putArray("series");
        for (Replayed r : replayed) {
            ObjectNode s = list.addObject().put("series", r.key().text()).put("file", r.series().file())
                    .put("column", r.series().column()).put("rows", r.series().size());
            ArrayNode anomalies = s.putArray("anomalies");
            for (Anomaly a : r.result().anomalies()) {
                ObjectNode n = anomalies.addObject().put("id", a.id()).put("start", a.start().toString())
                        .put("peak_value", a.peakValue()).put("peak_time", a.peakTime().toString()).put("score", a.score())
                        .put("confidence", a.confidence()).put("reason", a.reason());
                if (a.end() != null) {
                    n.put("end", a.end().toString());
                }
            }
            ArrayNode rows = s.putArray("points");
            for (ReplayRow row : r.result().rows()) {
                ObjectNode n = rows.addObject().put("timestamp", row.timestamp()).put("value", row.value())
                        .put("score", row.score()).put("anomalous", row.anomalous());
                if (Double.isFinite(row.expectedLow())) {
                    n.put("expected_low", row.expectedLow()).put("expected_high", row.expectedHigh());
                }
                if (row.anomalyId() != 0) {
                    n.put("anomaly", row.anomalyId());
                }
            }
        }
        return root.toPrettyString();
    }
}
