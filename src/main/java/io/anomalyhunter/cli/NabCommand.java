package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.eval.CsvSeriesReader;
import io.anomalyhunter.eval.NabCorpus;
import io.anomalyhunter.eval.NabEvaluation;
import io.anomalyhunter.eval.NabResultWriter;
import io.anomalyhunter.eval.NabScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * anomaly-hunter eval nab: the daemon's detector chain over a NAB-layout folder, each file learning for NAB's
 * probationary period, scored with NAB's algorithm (written in the project).
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Run the detectors over a Numenta Anomaly Benchmark folder (DIR/<category>/<file>.csv) and score "
                + "the anomalies they open with NAB's scoring: standard, reward-low-FP and reward-low-FN profiles, per "
                + "category, windows hit.",
                "Each file learns for NAB's probationary period (its first min(15%%, 750) rows); everything else is the "
                + "daemon's configuration."})
final class NabCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The NAB data folder.")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "The windows file (default: DIR/combined_windows.json, else DIR/../labels/combined_windows.json).")
    Path labels;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write NAB result files: DIR/" + NabEvaluation.DETECTOR + "/<category>/" + NabEvaluation.DETECTOR
                    + "_<file>.csv (timestamp,value,anomaly_score,label).")
    Path out;

    @Option(names = "--json", description = "Print the scores as JSON.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        AppConfig c = config.loadOrReport().orElse(null);
        if (c == null) {
            return RootCommand.BAD_INPUT;
        }
        Path labelsFile = labels != null ? labels : NabCorpus.defaultLabels(data).orElse(null);
        if (labelsFile == null) {
            System.err.println("anomaly-hunter: " + data + ": no combined_windows.json there or in ../labels; give --labels");
            return RootCommand.BAD_INPUT;
        }
        NabEvaluation.Report report;
        try {
            List<NabCorpus.Entry> corpus = NabCorpus.load(data, labelsFile);
            corpus.stream().flatMap(e -> e.series().warnings().stream()).forEach(w -> System.err.println("warning: " + w));
            ReplayChains chains = new ReplayChains(c);
            report = NabEvaluation.evaluate(corpus, chains.factory()::forReplay, chains::tracker);
            if (out != null) {
                NabResultWriter.write(out, report);
            }
        } catch (CsvSeriesReader.CsvException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        }
        System.out.println(json ? toJson(report, c, labelsFile) : text(report, c, labelsFile));
        return RootCommand.OK;
    }

    private String text(NabEvaluation.Report r, AppConfig c, Path labelsFile) {
        StringBuilder sb = new StringBuilder();
        int windows = r.files().stream().mapToInt(f -> f.entry().windows().size()).sum();
        sb.append(String.format(Locale.ROOT, "NAB: %d files, %d windows (%s), config: %s, sensitivity %s%n",
                r.files().size(), windows, labelsFile, c.source(), c.detection().sensitivity().name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "%-20s %8s %11s %9s %4s %5s %4s%n", "profile", "score", "threshold", "raw", "TP",
                "FP", "FN"));
        for (NabScore s : r.swept()) {
            sb.append(String.format(Locale.ROOT, "%-20s %8.2f %11.4f %9.3f %4d %5d %4d%n", s.profile().name(), s.normalised(),
                    s.threshold(), s.raw(), s.tp(), s.fp(), s.fn()));
        }
        sb.append("every anomaly as the daemon opens it (no threshold sweep):\n");
        for (NabScore s : r.asAlerted()) {
            sb.append(String.format(Locale.ROOT, "%-20s %8.2f %11s %9.3f %4d %5d %4d%n", s.profile().name(), s.normalised(),
                    "-", s.raw(), s.tp(), s.fp(), s.fn()));
        }
        sb.append("per category (standard profile, swept threshold):\n");
        for (NabScore.CategoryScore cs : r.swept().get(0).categories()) {
            sb.append(String.format(Locale.ROOT, "  %-24s %8s  %2d files  windows hit %d of %d, %d FP%n", cs.category(),
                    Double.isNaN(cs.normalised()) ? "-" : String.format(Locale.ROOT, "%.2f", cs.normalised()), cs.files(),
                    cs.tp(), cs.tp() + cs.fn(), cs.fp()));
        }
        if (out != null) {
            sb.append("result files: ").append(out.resolve(NabEvaluation.DETECTOR)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String toJson(NabEvaluation.Report r, AppConfig c, Path labelsFile) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("files", r.files().size()).put("labels", labelsFile.toString())
                .put("config", c.source()).put("sensitivity", c.detection().sensitivity().name().toLowerCase(Locale.ROOT));
        ArrayNode swept = root.putArray("profiles");
        for (int i = 0; i < r.swept().size(); i++) {
            NabScore s = r.swept().get(i);
            NabScore a = r.asAlerted().get(i);
            ObjectNode n = swept.addObject().put("profile", s.profile().name()).put("score", s.normalised())
                    .put("threshold", s.threshold()).put("raw", s.raw()).put("tp", s.tp()).put("fp", s.fp()).put("fn", s.fn());
            n.putObject("as_alerted").put("score", a.normalised()).put("raw", a.raw()).put("tp", a.tp()).put("fp", a.fp())
                    .put("fn", a.fn());
            ArrayNode cats = n.putArray("categories");
            for (NabScore.CategoryScore cs : s.categories()) {
                ObjectNode cn = cats.addObject().put("category", cs.category()).put("files", cs.files())
                        .put("windows", cs.windows()).put("raw", cs.raw()).put("tp", cs.tp()).put("fp", cs.fp())
                        .put("fn", cs.fn());
                if (Double.isNaN(cs.normalised())) {
                    cn.putNull("score");
                } else {
                    cn.put("score", cs.normalised());
                }
            }
        }
        return root.toPrettyString();
    }
}
