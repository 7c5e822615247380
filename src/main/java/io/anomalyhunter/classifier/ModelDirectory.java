package io.anomalyhunter.classifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the shipped models are: the {@code anomaly-hunter.models-dir} property (the JVM launcher sets it to the
 * bundle's models/), else {@code models/} beside the native executable's bin/ (the native bundle) or above
 * target/ (a native build in the source tree), else the checkout's {@code models/} when the JVM runs
 * target/quarkus-app/quarkus-run.jar, else {@code models/} in the working directory.
 */
public final class ModelDirectory {
    public static final String PROPERTY = "anomaly-hunter.models-dir";

    private ModelDirectory() {
    }

    /**
     * The first candidate that holds the traffic classifier; when none does, the configured folder if there is
     * one, else ./models, for the message that says where it was looked for.
     */
    public static Path locate() {
        List<Path> c = candidates();
        return c.stream().filter(p -> Files.isRegularFile(p.resolve(TrafficModelFiles.METADATA))).findFirst()
                .orElse(c.get(0));
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            out.add(Path.of(configured));
            return out; // a configured folder is the only one: a model found elsewhere would hide its mistake
        }
        Path here = Path.of("models").toAbsolutePath();
        Optional<Path> exe = ProcessHandle.current().info().command().map(Path::of).map(Path::toAbsolutePath);
        // The JVM's own launcher says nothing about where we are: only a native executable's location counts.
        exe.filter(e -> !e.getFileName().toString().equals("java")).map(Path::getParent).map(Path::getParent)
                .ifPresent(up -> out.add(up.resolve("models")));
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith("quarkus-run.jar")) {
            Path jar = Path.of(classPath).toAbsolutePath();
            if (jar.getNameCount() >= 3) {
                out.add(jar.getParent().getParent().getParent().resolve("models"));
            }
        }
        out.add(here);
        return out.stream().distinct().toList();
    }
}
