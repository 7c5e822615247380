package io.anomalyhunter.cli;

import io.anomalyhunter.classifier.KddCsv;
import io.anomalyhunter.classifier.KddFormatException;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.ModelLoadException;
import io.anomalyhunter.classifier.ScoringException;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.classifier.TrafficTraining;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter classify FILE.csv: the traffic classifier's answer for every row, with the class probabilities. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify connection records with the traffic classifier. FILE holds NSL-KDD rows (41 features, "
                + "perhaps the label and the difficulty), a CSV whose header names the 41 features, or a packet capture "
                + "(.pcap, .pcapng, .cap), whose connections are rebuilt and given NSL-KDD features first. Writes CSV: "
                + "line, prediction, the five class probabilities, the label if the input has one, and with --explain N "
                + "the N features that pushed the prediction most. A bad row stops the run with its line and column "
                + "(exit 2). On a terminal a progress bar shows on stderr."})
final class ClassifyCommand implements Callable<Integer> {
    private static final int BATCH = 4096;

    @Parameters(index = "0", paramLabel = "FILE", description = "The rows to classify.")
    Path input;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the predictions here (default: stdout).")
    Path out;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The model's folder (default: the shipped models/).")
    Path modelDir;

    @Option(names = "--min-confidence", paramLabel = "P",
            description = "Answer 'unknown' when the likeliest class is below this probability (default: ${DEFAULT-VALUE}).")
    double minConfidence = 0.5;

    @Option(names = "--explain", paramLabel = "N", description = "Add each row's N strongest TreeSHAP contributions (slower: about 30 ms a row).")
    int explain;

    @Override
    public Integer call() {
        Path dir = modelDir != null ? modelDir : ModelDirectory.locate();
        if (CaptureClassifier.isCapture(input)) {
            return CaptureClassifier.run(input, out, dir, minConfidence, explain);
        }
        long size;
        try {
            size = Files.size(input);
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + input + ": cannot read: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
        ProgressBar bar = ProgressBar.forInput(size);
        Path partial = out == null ? null : out.resolveSibling(out.getFileName() + ".partial");
        try (TrafficModel model = TrafficModelFiles.load(dir);
             BufferedReader in = new BufferedReader(new InputStreamReader(bar.counting(Files.newInputStream(input)),
                     StandardCharsets.UTF_8), 1 << 16);
             Writer w = partial == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            List<String> classes = TrafficTraining.classNames();
            w.write("line,prediction," + String.join(",", classes.stream().map(c -> "p_" + c).toList()) + ",label"
                    + (explain > 0 ? ",top_contributions" : "") + "\n");
            long rows = KddCsv.read(in, input.toString(), BATCH, batch -> write(w, model, batch));
            w.flush();
            bar.finish();
            if (partial != null) {
                Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                System.err.println("classified " + rows + " rows into " + out);
            }
            return RootCommand.OK;
        } catch (ModelLoadException | ScoringException e) {
            bar.finish();
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        } catch (KddFormatException e) {
            bar.finish();
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            bar.finish();
            System.err.println("anomaly-hunter: " + input + ": " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } finally {
            deleteQuietly(partial);
        }
    }

    private void write(Writer w, TrafficModel model, KddCsv.Batch batch) throws IOException {
        List<TrafficModel.Prediction> predictions = model.predict(batch.rows(), minConfidence);
        StringBuilder b = new StringBuilder(predictions.size() * 64);
        for (int i = 0; i < predictions.size(); i++) {
            TrafficModel.Prediction p = predictions.get(i);
            b.append(batch.firstLine() + i).append(',').append(p.label());
            for (double v : p.probabilities()) {
                b.append(',').append(String.format(Locale.ROOT, "%.4f", v));
            }
            String label = batch.labels().get(i);
            b.append(',').append(label == null ? "" : label);
            if (explain > 0) {
                int cls = p.likeliest();
                b.append(",\"").append(TrafficModel.Contribution.text(model.explain(batch.rows()[i], cls, explain))).append('"');
            }
            b.append('\n');
        }
        w.write(b.toString());
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover .partial file is harmless and says what it is
            }
        }
    }
}
