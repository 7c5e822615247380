package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.classifier.Evaluation;
import io.anomalyhunter.classifier.EvaluationJson;
import io.anomalyhunter.classifier.KddCsv;
import io.anomalyhunter.classifier.KddFormatException;
import io.anomalyhunter.classifier.LabelledRows;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.ModelLoadException;
import io.anomalyhunter.classifier.ScoringException;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.classifier.TrafficTraining;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter evaluate traffic: the shipped (or a given) classifier against labelled rows. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on labelled data. 'traffic': the traffic classifier on NSL-KDD rows (or a CSV "
                + "with a header and a 'label' column): accuracy, per-class precision, recall and F1, macro F1 and the "
                + "confusion matrix. Rows answered 'unknown' (below --min-confidence) count as misses."})
final class EvaluateCommand implements Callable<Integer> {
    private static final int BATCH = 4096;

    @Parameters(index = "0", paramLabel = "MODEL", description = "What to evaluate: traffic.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled rows (e.g. KDDTest+.txt).")
    Path data;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The model's folder (default: the shipped models/).")
    Path modelDir;

    @Option(names = "--min-confidence", paramLabel = "P", description = "Answer 'unknown' below this probability (default: ${DEFAULT-VALUE}).")
    double minConfidence = 0;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!model.equals("traffic")) {
            System.err.println("anomaly-hunter: evaluate: unknown model '" + model + "' (known: traffic)");
            return RootCommand.BAD_INPUT;
        }
        Path dir = modelDir != null ? modelDir : ModelDirectory.locate();
        try (TrafficModel m = TrafficModelFiles.load(dir); Reader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
            IntList truth = new IntList();
            IntList predicted = new IntList();
            String name = data.toString();
            KddCsv.read(in, name, BATCH, batch -> {
                for (int i = 0; i < batch.rows().length; i++) {
                    truth.add(LabelledRows.truth(batch.labels().get(i), name, batch.firstLine() + i).ordinal());
                }
                m.predict(batch.rows(), minConfidence).forEach(p -> predicted.add(p.classIndex()));
            });
            List<String> classes = TrafficTraining.classNames();
            Evaluation e = Evaluation.of(truth.toArray(), predicted.toArray(), classes.size());
            if (json) {
                ObjectNode out = EvaluationJson.of(e, classes);
                out.put("data", data.toString());
                out.put("model_sha256", m.sha256());
                out.put("min_confidence", minConfidence);
                out.set("classes", new ObjectMapper().valueToTree(classes));
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            } else {
                System.out.println("model " + dir + " (sha256 " + m.sha256().substring(0, 12) + "), data " + data);
                System.out.print(EvaluationText.of(e, classes));
            }
            return RootCommand.OK;
        } catch (ModelLoadException | ScoringException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        } catch (KddFormatException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + data + ": " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
    }

    /** A growable int array: a 150,000-row file's classes without boxing. */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
