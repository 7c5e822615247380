package io.anomalyhunter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points sqlite-jdbc, JNA, ONNX Runtime and java-llama.cpp at the shared libraries shipped beside the
 * executable, so none of them unpacks a copy into /tmp (the service runs with a read-only root and
 * PrivateTmp). The bundle keeps them in {@code lib/native} next to {@code bin/}; a build tree keeps them in
 * {@code target/lib/native} next to the native executable. Settings given with -D win.
 */
final class NativeLibraryHome {
    /** Set this to use another directory. */
    static final String DIR_PROPERTY = "anomaly-hunter.native-lib-dir";

    /** Library file, then the properties that point its Java side at it. */
    private static final Map<String, Map<String, String>> LIBRARIES = Map.of(
            "libsqlitejdbc.so", Map.of("org.sqlite.lib.path", "DIR", "org.sqlite.lib.name", "libsqlitejdbc.so"),
            "libjnidispatch.so", Map.of("jna.boot.library.path", "DIR", "jna.nounpack", "true"),
            "libonnxruntime4j_jni.so", Map.of("onnxruntime.native.path", "DIR"),
            "libjllama.so", Map.of("de.kherud.llama.lib.path", "DIR"));

    private NativeLibraryHome() {
    }

    static void configure() {
        locate().ifPresent(dir -> LIBRARIES.forEach((file, props) -> {
            if (Files.isRegularFile(dir.resolve(file))) {
                props.forEach((key, value) -> {
                    if (System.getProperty(key) == null) {
                        System.setProperty(key, value.equals("DIR") ? dir.toString() : value);
                    }
                });
            }
        }));
    }

    static Optional<Path> locate() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null) {
            return Optional.of(Path.of(configured).toAbsolutePath());
        }
        Optional<Path> exe = ProcessHandle.current().info().command().map(Path::of);
        if (exe.isEmpty() || exe.get().getParent() == null) {
            return Optional.empty();
        }
        Path bin = exe.get().toAbsolutePath().getParent();
        return candidates(bin).stream().filter(Files::isDirectory).findFirst();
    }

    static List<Path> candidates(Path bin) {
        Path up = bin.getParent() == null ? bin : bin.getParent();
        return List.of(up.resolve("lib/native"), bin.resolve("lib/native"));
    }
}
