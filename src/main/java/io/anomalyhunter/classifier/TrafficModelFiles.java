package io.anomalyhunter.classifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.forest.ForestOnnx;
import io.anomalyhunter.forest.ForestFormatException;
import io.anomalyhunter.forest.RandomForest;
import io.anomalyhunter.onnx.OnnxModelException;
import io.anomalyhunter.onnx.OnnxScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traffic classifier on disk: {@code traffic-classifier.onnx} and {@code traffic-classifier.json} beside it
 * (features in order, the nominal encodings, classes, the training data's sha256, validation figures, global
 * importances, version, creation time, and the ONNX file's sha256). The ONNX file is a pure function of the data
 * and the seed (no time in it), so retraining reproduces it bit for bit; the time is in the JSON.
 * Loading checks the JSON's format, the ONNX file's sha256 and that both name the same model version.
 */
public final class TrafficModelFiles {
    public static final String NAME = "traffic-classifier";
    public static final String ONNX = NAME + ".onnx";
    public static final String METADATA = NAME + ".json";
    /** The layout of the metadata this code reads and writes. */
    public static final int FORMAT = 1;
    /** This code's model: a new training recipe gets a new version. */
    public static final String MODEL_VERSION = "1.0";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrafficModelFiles() {
    }

    /** Writes both files into {@code dir}; returns the ONNX file's sha256. */
    public static String write(Path dir, TrafficTraining.Result r, String trainingFile, String trainingSha256, Instant created)
            throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("model_version", MODEL_VERSION);
        props.put("features", String.join(",", KddSchema.FEATURES));
        props.put("classes", String.join(",", TrafficTraining.classNames()));
        props.put("encoding", "protocol_type, service and flag as their index in the metadata's vocabularies");
        props.put("training_sha256", trainingSha256);
        props.put("seed", Long.toString(r.params().seed()));
        byte[] onnx = ForestOnnx.write(r.forest(), NAME, props);
        String sha = sha256(onnx);
        Files.createDirectories(dir);
        Files.write(dir.resolve(ONNX), onnx);
        Files.writeString(dir.resolve(METADATA), JSON.writeValueAsString(metadata(r, trainingFile, trainingSha256, created, sha)) + "\n");
        return sha;
    }

    private static ObjectNode metadata(TrafficTraining.Result r, String trainingFile, String trainingSha256, Instant created,
                                       String sha) {
        ObjectNode m = JSON.createObjectNode();
        m.put("name", NAME);
        m.put("format", FORMAT);
        m.put("version", MODEL_VERSION);
        m.put("created", created.toString());
        m.put("onnx_sha256", sha);
        m.put("kind", "random forest, " + r.forest().trees().size() + " trees (ONNX-ML TreeEnsembleClassifier)");
        ArrayNode features = m.putArray("features");
        KddSchema.FEATURES.forEach(features::add);
        ObjectNode vocab = m.putObject("vocabularies");
        KddSchema.VOCABULARIES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ArrayNode values = vocab.putArray(KddSchema.FEATURES.get(e.getKey()));
            e.getValue().forEach(values::add);
        });
        ArrayNode classes = m.putArray("classes");
        TrafficTraining.classNames().forEach(classes::add);
        ObjectNode training = m.putObject("training");
        training.put("file", trainingFile);
        training.put("sha256", trainingSha256);
        training.put("rows", r.trainingRows());
        training.put("validation_rows", r.validation().rows());
        training.put("seed", r.params().seed());
        training.put("trees", r.params().trees());
        training.put("max_depth", r.params().maxDepth());
        training.put("min_leaf", r.params().minLeaf());
        ArrayNode weights = training.putArray("class_weights");
        for (double w : r.params().classWeights()) {
            weights.add(w);
        }
        m.set("validation", EvaluationJson.of(r.validation(), TrafficTraining.classNames()));
        ObjectNode cal = m.putObject("calibration");
        cal.put("method", "isotonic, each class against the rest, fitted on the training rows' out-of-bag votes; "
                + "the mapped values are scaled to sum to 1");
        TrafficTraining.CalibrationCheck k = r.check();
        cal.putObject("validation").put("brier_votes", k.brierVotes()).put("brier_calibrated", k.brierCalibrated())
                .put("ece_votes", k.eceVotes()).put("ece_calibrated", k.eceCalibrated())
                .put("accuracy_votes", k.accuracyVotes());
        ArrayNode maps = cal.putArray("maps");
        for (int c = 0; c < r.calibration().x().size(); c++) {
            ObjectNode map = maps.addObject();
            map.put("class", TrafficTraining.classNames().get(c));
            ArrayNode xs = map.putArray("votes");
            ArrayNode ys = map.putArray("probability");
            for (double x : r.calibration().x().get(c)) {
                xs.add(x);
            }
            for (double y : r.calibration().y().get(c)) {
                ys.add(y);
            }
        }
        ArrayNode importances = m.putArray("importances");
        for (TrafficTraining.Importance i : r.importances()) {
            importances.addObject().put("feature", i.feature()).put("mean_abs_shap", i.value());
        }
        return m;
    }

    /**
     * Loads the model in {@code dir}, refusing (with the file and the reason) one whose metadata is of another
     * format, whose ONNX file does not hash to the metadata's sha256, or whose two files name different versions.
     */
    public static TrafficModel load(Path dir) throws ModelLoadException {
        Path json = dir.resolve(METADATA);
        Path onnxFile = dir.resolve(ONNX);
        JsonNode meta;
        byte[] onnx;
        try {
            meta = JSON.readTree(Files.readString(json));
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(json + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelLoadException(json + ": cannot read the traffic classifier's metadata: " + reason(e));
        }
        try {
            onnx = Files.readAllBytes(onnxFile);
        } catch (IOException e) {
            throw new ModelLoadException(onnxFile + ": cannot read the traffic classifier: " + reason(e));
        }
        if (meta.path("format").asInt(-1) != FORMAT) {
            throw new ModelLoadException(json + ": metadata format " + meta.path("format") + ", this build reads " + FORMAT);
        }
        String sha = sha256(onnx);
        String expected = meta.path("onnx_sha256").asText("");
        if (!sha.equals(expected)) {
            throw new ModelLoadException(onnxFile + ": sha256 " + sha + " does not match the metadata's " + expected
                    + " (a damaged or replaced file)");
        }
        try {
            Map<String, String> props = ForestOnnx.metadata(onnx);
            String version = meta.path("version").asText("");
            if (!version.equals(props.get("model_version")) || !version.equals(MODEL_VERSION)) {
                throw new ModelLoadException(onnxFile + ": model version " + props.get("model_version") + ", metadata says "
                        + version + ", this build reads " + MODEL_VERSION);
            }
            if (!List.of(props.getOrDefault("features", "").split(",")).equals(KddSchema.FEATURES)) {
                throw new ModelLoadException(onnxFile + ": its features are not the 41 NSL-KDD features in order");
            }
            RandomForest forest = ForestOnnx.read(onnx);
            OnnxScorer scorer = OnnxScorer.open(onnx, ForestOnnx.INPUT, ForestOnnx.PROBABILITIES, KddSchema.FEATURES.size());
            return new TrafficModel(forest, scorer, calibration(json, meta), meta, sha, Instant.now());
        } catch (ForestFormatException | OnnxModelException e) {
            throw new ModelLoadException(onnxFile + ": " + e.getMessage());
        }
    }

    /** The metadata's calibration maps, one per class with as many vote shares as probabilities, ascending. */
    private static Calibration calibration(Path json, JsonNode meta) throws ModelLoadException {
        JsonNode maps = meta.path("calibration").path("maps");
        if (maps.size() != TrafficClass.values().length) {
            throw new ModelLoadException(json + ": calibration.maps has " + maps.size() + " classes, expected "
                    + TrafficClass.values().length);
        }
        List<double[]> xs = new java.util.ArrayList<>();
        List<double[]> ys = new java.util.ArrayList<>();
        for (JsonNode map : maps) {
            double[] x = doubles(map.path("votes"));
            double[] y = doubles(map.path("probability"));
            for (int i = 1; i < x.length; i++) {
                if (x[i] < x[i - 1] || y[i] < y[i - 1]) {
                    throw new ModelLoadException(json + ": calibration map of " + map.path("class").asText()
                            + " is not ascending at point " + i);
                }
            }
            if (x.length != y.length || x.length == 0) {
                throw new ModelLoadException(json + ": calibration map of " + map.path("class").asText()
                        + " has " + x.length + " vote shares and " + y.length + " probabilities");
            }
            xs.add(x);
            ys.add(y);
        }
        return new Calibration(xs, ys);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble(Double.NaN);
        }
        return out;
    }

    /** What went wrong reading a file, in words (the exception's class name is for stack traces, not logs). */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "read failed" : e.getMessage();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
