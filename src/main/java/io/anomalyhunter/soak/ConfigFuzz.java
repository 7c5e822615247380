package io.anomalyhunter.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Mutations of a full config (lines dropped or doubled, values turned into lists or maps, huge numbers, tabs,
 * stray bytes, cut-off files) through check-config. Each must end in "OK" (exit 0) or a refusal (exit 2) whose
 * lines say where (file:line:column, or file: and a key); anything else, a stack trace, or more than 2 s is a failure.
 */
public final class ConfigFuzz {
    /** check-config on a file: exit code and everything it printed. */
    public record Checked(int exit, String output) {
    }

    static final String SEED = """
            detection:
              interval: 10s
              sensitivity: medium
              learning_period: 7d
              min_confidence: 0.5
              correlation_window: 5m
            retention:
              raw: 48h
              max_age: 30d
            storage:
              path: /tmp/soak-fuzz.db
              min_free: 64MB
            http:
              host: 127.0.0.1
              port: 8080
              allowed_hosts: [appliance.lan]
              max_connections: 1024
              request_timeout: 30s
              idle_timeout: 60s
            collectors:
              host:
                enabled: true
              network:
                enabled: false
                filter: tcp and not port 22
            metrics:
              - {name: host_cpu_percent, labels: {mode: total}, above: 95}
            alerts:
              retry: {max_attempts: 10, initial: 5s, max: 10m}
              destinations:
                - {name: log, type: journal}
                - {name: hook, type: webhook, url: "http://127.0.0.1:9/x", secret: k, timeout: 5s, rate_limit: 30/h}
                - {name: mail, type: smtp, host: 127.0.0.1, port: 25, starttls: true, from: a@b, to: [c@d]}
                - {name: siem, type: syslog, host: 127.0.0.1, port: 514, transport: tcp}
              rules:
                - {name: all, severity: warning, min_score: 0.8, destinations: [log, hook]}
            """;
    /** A problem line that says where: "file:line:column: ..." or "file: some.key: ...". */
    private static final Pattern PLACED = Pattern.compile("^\\s+\\S+?(:\\d+:\\d+: .+|: [a-z_]+(\\.[a-z_0-9\\[\\]]+)*: .+)");

    private final Function<Path, Checked> checkConfig;
    private final int cases;
    private final long seed;

    ConfigFuzz(Function<Path, Checked> checkConfig, int cases, long seed) {
        this.checkConfig = checkConfig;
        this.cases = cases;
        this.seed = seed;
    }

    ScenarioResult run(Path dir) throws Exception {
        Random r = new Random(seed);
        Map<String, Integer> outcomes = new LinkedHashMap<>(Map.of("accepted", 0, "refused", 0));
        List<String> failures = new ArrayList<>();
        long slowest = 0;
        Path file = dir.resolve("fuzz.yaml");
        for (int i = 0; i < cases; i++) {
            byte[] mutated = mutate(SEED, r);
            Files.write(file, mutated);
            long t0 = System.nanoTime();
            Checked c;
            try {
                c = CompletableFuture.supplyAsync(() -> checkConfig.apply(file)).get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                failures.add("case " + i + ": no answer within 2 s");
                keep(dir, i, mutated);
                continue;
            }
            slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
            String problem = judge(c);
            if (problem == null) {
                outcomes.merge(c.exit() == 0 ? "accepted" : "refused", 1, Integer::sum);
            } else {
                failures.add("case " + i + ": " + problem);
                keep(dir, i, mutated);
            }
        }
        List<String> figures = new ArrayList<>();
        figures.add(outcomes.get("accepted") + " accepted, " + outcomes.get("refused") + " refused with a place, "
                + failures.size() + " failed; slowest check " + slowest + " ms (seed " + seed + ")");
        figures.addAll(failures.stream().limit(10).toList());
        return new ScenarioResult("config fuzzing", cases + " mutated configs through check-config", failures.size(),
                figures, null);
    }

    /** Null when the outcome is one of the two allowed ones, else what was wrong. */
    private static String judge(Checked c) {
        if (c.output().contains("\tat ") || c.output().contains("Exception")) {
            return "a stack trace or exception: " + c.output().lines().limit(3).toList();
        }
        if (c.exit() == 0) {
            return null;
        }
        if (c.exit() != 2) {
            return "exit " + c.exit() + ": " + c.output().lines().limit(3).toList();
        }
        List<String> problems = c.output().lines().filter(l -> l.startsWith("  ")).toList();
        if (problems.isEmpty() || !problems.stream().allMatch(l -> PLACED.matcher(l).matches())) {
            return "a refusal that does not say where: " + c.output().lines().limit(3).toList();
        }
        return null;
    }

    private static void keep(Path dir, int i, byte[] mutated) throws java.io.IOException {
        Files.write(dir.resolve("failed-" + i + ".yaml"), mutated);
    }

    static byte[] mutate(String seed, Random r) {
        List<String> lines = new ArrayList<>(seed.lines().toList());
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = r.nextInt(lines.size());
            String line = lines.get(at);
            int colon = line.indexOf(": ");
            switch (r.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> lines.set(at, colon > 0 ? line.substring(0, colon + 2) + "[" + line.substring(colon + 2) + "]" : line);
                case 3 -> lines.set(at, colon > 0 ? line.substring(0, colon + 2) + "{a: b}" : line);
                case 4 -> lines.set(at, colon > 0 ? line.substring(0, colon + 2) + "99999999999999999999999" : line);
                case 5 -> lines.set(at, "\t" + line);
                case 6 -> lines.set(at, line.substring(0, r.nextInt(line.length() + 1)));
                case 7 -> lines.set(at, colon > 0 ? line.substring(0, colon + 2) + "\"" + line.substring(colon + 2) : line);
                default -> lines.add(at, "x".repeat(r.nextInt(5)) + ": &a [*a]");
            }
        }
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0) {
            bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x7f));
        }
        if (r.nextInt(10) == 0) {
            bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length));
        }
        return bytes;
    }
}
