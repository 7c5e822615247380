package io.anomalyhunter.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scans the main sources' imports and holds them to the design's direction: collect -> pipeline -> store,
 * pipeline -> detect -> incident -> queue -> alert; the queue's contract is its own (store implements it);
 * api, cli and daemon on top; config, series, json, log and change (the change feed's record) are leaves, forest (trees, no I/O) and
 * onnx (the runtime seam) are leaves under classifier, and traffic (pure packet code) sits
 * under both collect and detect, which never meet: a capture hands packets on through traffic's observer seam. Sub-packages
 * follow their top-level feature's row, and no two packages (sub-packages included) may reach each other.
 */
class PackageDependencyTest {
    private static final Path MAIN = Path.of("src/main/java/io/anomalyhunter");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.anomalyhunter\\.([a-z.]+)\\.[A-Z]",
            Pattern.MULTILINE);

    /** Top-level feature -> the features it may use (itself always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("series", Set.of()),
            Map.entry("log", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("json", Set.of()),
            Map.entry("traffic", Set.of("series")),
            Map.entry("change", Set.of()),
            Map.entry("forest", Set.of()),
            Map.entry("onnx", Set.of()),
            Map.entry("classifier", Set.of("forest", "onnx", "traffic")),
            Map.entry("hostmodel", Set.of("series", "detect", "pipeline", "store", "forest", "onnx")),
            Map.entry("detect", Set.of("series", "config", "traffic", "change")),
            Map.entry("incident", Set.of("series", "detect", "queue")),
            Map.entry("eval", Set.of("series", "detect")),
            Map.entry("store", Set.of("series", "detect", "incident", "config", "log", "queue", "change")),
            Map.entry("pipeline", Set.of("series", "detect", "incident", "store", "config", "change")),
            Map.entry("collect", Set.of("series", "pipeline", "traffic", "change")),
            Map.entry("queue", Set.of("log")),
            Map.entry("alert", Set.of("series", "config", "detect", "incident", "store", "queue", "log")),
            Map.entry("api", Set.of("series", "config", "detect", "incident", "store", "pipeline", "collect", "queue",
                    "log", "http", "json", "traffic", "change", "classifier", "hostmodel", "rca")),
            Map.entry("daemon", Set.of("series", "config", "detect", "incident", "store", "pipeline", "collect", "api",
                    "queue", "alert", "traffic", "change", "classifier", "hostmodel", "rca", "llm")),
            Map.entry("bundle", Set.of()),
            Map.entry("http", Set.of("config", "log")),
            Map.entry("soak", Set.of()),
            Map.entry("bench", Set.of("series", "config", "detect", "incident", "store", "collect", "queue", "alert",
                    "traffic", "change", "classifier", "forest", "onnx", "rca", "llm", "pipeline")),
            Map.entry("rca", Set.of("series", "detect", "incident", "change", "store", "pipeline", "queue", "json", "llm")),
            Map.entry("llm", Set.of()),
            Map.entry("doctor", Set.of("collect", "series", "pipeline", "onnx")),
            Map.entry("upgrade", Set.of("store", "series", "detect", "incident")),
            Map.entry("cli", Set.of("series", "config", "detect", "incident", "store", "collect", "daemon", "bundle", "upgrade",
                    "doctor", "rca", "llm", "queue", "alert", "eval", "http", "soak", "json", "bench", "api", "traffic", "change", "classifier", "forest", "onnx")),
            Map.entry("", Set.of("cli")));

    /** Every package, sub-packages included, with the packages of ours it imports from. */
    static Map<String, Set<String>> packageImports(Path main) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = main.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** No package reaches itself through its imports: a cycle between a package and its own sub-package counts. */
    @Test
    void noPackageCycles() throws IOException {
        List<List<String>> cycles = PackageCycles.of(packageImports(MAIN));
        assertTrue(cycles.isEmpty(), "package cycles: " + cycles);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> g = Map.of("alert", Set.of("alert.sink", "queue"), "alert.sink", Set.of("alert"),
                "queue", Set.of("store"), "store", Set.of());
        assertEquals(List.of(List.of("alert", "alert.sink")), PackageCycles.of(g));
        assertEquals(List.of(), PackageCycles.of(Map.of("a", Set.of("b"), "b", Set.of())));
    }

    @Test
    void importsFollowTheDesignDirection() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f.getParent() == null ? f : f.getParent());
                String feature = rel.getNameCount() == 0 || rel.toString().isEmpty() ? "" : rel.getName(0).toString();
                Set<String> allowed = ALLOWED.get(feature);
                if (allowed == null) {
                    violations.add(f + ": package '" + feature + "' is not in the dependency table; add it");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String used = m.group(1).split("\\.")[0];
                    if (!used.equals(feature) && !allowed.contains(used)) {
                        violations.add(f + " imports io.anomalyhunter." + m.group(1) + " (" + feature + " may not use " + used + ")");
                    }
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
