package io.anomalyhunter.classifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the shipped models are: the {@code anomaly-hunter.models-dir} property (the JVM launcher sets it to the
 * bundle's models/), else {@code models/} beside the executable's bin/ (the native bundle) or above target/ (a
 * native build in the source tree), else {@code models/} in the working directory (a source checkout).
 */
public final class ModelDirectory {
    public static final String PROPERTY = "anomaly-hunter.models-dir";

    private ModelDirectory() {
    }

    /** The first candidate that holds the traffic classifier, else the first candidate (for the error message). */
    public static Path locate() {
        List<Path> c = candidates();
        return c.stream().filter(p -> Files.isRegularFile(p.resolve(TrafficModelFiles.METADATA))).findFirst().orElse(c.get(0));
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            out.add(Path.of(configured));
        }
        Optional<Path> exe = ProcessHandle.current().info().command().map(Path::of).map(Path::toAbsolutePath);
        exe.map(Path::getParent).map(Path::getParent).ifPresent(up -> out.add(up.resolve("models")));
        out.add(Path.of("models").toAbsolutePath());
        return out;
    }
}
