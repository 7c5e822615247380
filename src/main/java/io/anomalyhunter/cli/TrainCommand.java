package io.anomalyhunter.cli;

import io.anomalyhunter.classifier.KddData;
import io.anomalyhunter.classifier.KddFormatException;
import io.anomalyhunter.classifier.KddReader;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.classifier.TrafficTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter train traffic: the traffic classifier from labelled NSL-KDD rows, written as ONNX with metadata. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model. 'traffic': the 5-class traffic classifier (normal, DoS, Probe, R2L, U2R) from "
                + "NSL-KDD rows: a seeded 80/20 split, a random forest on the 80 %%, its figures on the 20 %%; writes "
                + "traffic-classifier.onnx and traffic-classifier.json. The same data and seed give the same ONNX file."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "What to train: traffic.")
    String model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled NSL-KDD rows (KDDTrain+.txt).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the model (default: models/).")
    Path out = Path.of("models");

    @Option(names = "--seed", paramLabel = "N", description = "The seed of the split and the forest (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() {
        if (!model.equals("traffic")) {
            System.err.println("anomaly-hunter: train: unknown model '" + model + "' (known: traffic)");
            return RootCommand.BAD_INPUT;
        }
        try {
            byte[] raw = Files.readAllBytes(data);
            long t0 = System.nanoTime();
            KddData rows = KddReader.read(data);
            TrafficTraining.Result r = TrafficTraining.train(rows, seed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String sha = TrafficModelFiles.write(out, r, data.getFileName().toString(), TrafficModelFiles.sha256(raw), Instant.now());
            System.out.printf(Locale.ROOT, "trained on %d rows, validated on %d, in %.1f s%n", r.trainingRows(),
                    r.validation().rows(), seconds);
            System.out.print(EvaluationText.of(r.validation(), TrafficTraining.classNames()));
            TrafficTraining.CalibrationCheck k = r.check();
            System.out.printf(Locale.ROOT, "calibration (isotonic on out-of-bag votes), on the validation rows: Brier %.5f -> %.5f, "
                    + "top-class calibration error %.5f -> %.5f; accuracy of the raw votes %.4f%n", k.brierVotes(),
                    k.brierCalibrated(), k.eceVotes(), k.eceCalibrated(), k.accuracyVotes());
            System.out.println("wrote " + out.resolve(TrafficModelFiles.ONNX) + " (sha256 " + sha + ") and "
                    + out.resolve(TrafficModelFiles.METADATA));
            return RootCommand.OK;
        } catch (KddFormatException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + data + ": " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
    }
}
