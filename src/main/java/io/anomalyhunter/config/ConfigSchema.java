package io.anomalyhunter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The keys, defaults and ranges of the configuration (documented in docs/configuration.md; keep the two
 * in step). Rules that span keys are checked last, naming both keys and values.
 */
final class ConfigSchema {
    static final Set<String> SECTIONS = Set.of("detection", "detection.host_model", "retention", "storage", "http", "collectors",
            "collectors.host", "collectors.cgroups", "collectors.docker", "collectors.podman", "collectors.network", "collectors.network.attacks", "collectors.network.classifier", "llm", "models", "models.llm");
    static final Set<String> KEYS = keys();
    /** Keys that also take a YAML list of names. */
    static final Set<String> LIST_KEYS = Set.of("collectors.network.interfaces", "http.allowed_hosts");

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    static final String DEFAULT_STORAGE = "data/anomaly-hunter.db";

    /** Free space kept on the database's disk: samples stop before it is full, incidents still fit. */
    static final long DEFAULT_MIN_FREE = 64L << 20;

    private ConfigSchema() {
    }

    private static Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>(Set.of(
                "detection.interval", "detection.sensitivity", "detection.learning_period", "detection.min_confidence",
                "detection.correlation_window", "detection.host_model.enabled", "detection.host_model.retrain_interval",
                "retention.raw", "retention.max_age", "storage.path", "storage.min_free", "http.host",
                "http.port", "http.allowed_hosts", "http.max_connections", "http.request_timeout", "http.idle_timeout", "collectors.host.enabled", "collectors.cgroups.enabled", "collectors.docker.enabled",
                "collectors.docker.socket", "collectors.podman.enabled", "collectors.podman.socket", "llm.model",
                "models.llm.path", "models.llm.threads", "models.llm.context", "models.llm.max_tokens", "models.llm.timeout",
                "models.llm.attempts"));
        NetworkConfig.KEYS.forEach(k -> keys.add(NetworkConfig.PREFIX + k));
        return Set.copyOf(keys);
    }

    static AppConfig read(ConfigValues v, List<MappingNode> metricNodes, Predicate<String> knownMetric,
                          java.util.function.Function<String, java.util.Optional<String>> filterProblem,
                          java.util.function.Function<String, java.util.Optional<String>> listenProblem,
                          AlertsConfig alerts) {
        AppConfig.Detection detection = new AppConfig.Detection(
                v.duration("detection.interval", DEFAULT_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1)),
                v.choice("detection.sensitivity", Sensitivity.MEDIUM, Sensitivity.class),
                v.duration("detection.learning_period", Duration.ofDays(7), Duration.ZERO, Duration.ofDays(90)),
                v.number("detection.min_confidence", 0.5, 0.0, 1.0),
                v.duration("detection.correlation_window", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1)),
                new AppConfig.HostModel(v.bool("detection.host_model.enabled", AppConfig.HostModel.DEFAULTS.enabled()),
                        v.duration("detection.host_model.retrain_interval", AppConfig.HostModel.DEFAULTS.retrainInterval(),
                                Duration.ofMinutes(1), Duration.ofDays(90))));
        AppConfig.Retention retention = new AppConfig.Retention(
                v.duration("retention.raw", Duration.ofHours(48), Duration.ofMinutes(10), Duration.ofDays(365)),
                v.duration("retention.max_age", Duration.ofDays(30), Duration.ofHours(1), Duration.ofDays(3650)));
        String storagePath = v.text("storage.path", DEFAULT_STORAGE).strip();
        if (storagePath.isEmpty()) {
            v.problem("storage.path", "must name the database file");
            storagePath = DEFAULT_STORAGE;
        } else if (storagePath.indexOf('\0') >= 0) {
            v.problem("storage.path", "contains a NUL character");
            storagePath = DEFAULT_STORAGE;
        }
        String host = v.text("http.host", "127.0.0.1").strip();
        listenProblem.apply(host).ifPresent(p -> v.problem("http.host", p));
        AppConfig.Http http = new AppConfig.Http(host, v.integer("http.port", 8080, 1, 65535), allowedHosts(v),
                v.integer("http.max_connections", AppConfig.Http.DEFAULT_MAX_CONNECTIONS, 16, 1_000_000),
                v.duration("http.request_timeout", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                // At least twice the event stream's 15 s keep-alive, so an open event stream is never idle.
                v.duration("http.idle_timeout", Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofHours(1)));
        AppConfig.Collectors collectors = new AppConfig.Collectors(v.bool("collectors.host.enabled", true),
                v.bool("collectors.cgroups.enabled", true), runtime(v, "docker", "/var/run/docker.sock"),
                runtime(v, "podman", "/run/podman/podman.sock"), NetworkConfig.read(v, filterProblem));
        List<AppConfig.PinnedThreshold> pins = readPins(v, metricNodes, knownMetric);
        AppConfig.Llm llm = llm(v);

        checkAcrossKeys(v, detection, retention);
        long minFree = v.bytes("storage.min_free", DEFAULT_MIN_FREE, 0, 1L << 40);
        return new AppConfig(v.source(), detection, retention, new AppConfig.Storage(Path.of(storagePath), minFree), http,
                collectors, pins, llm, alerts);
    }

    /** models.llm.*: the worker's model and its limits; llm.model is the older name of models.llm.path. */
    private static AppConfig.Llm llm(ConfigValues v) {
        String path = v.text("models.llm.path", "").strip();
        String older = v.text("llm.model", "").strip();
        if (!path.isEmpty() && !older.isEmpty() && !path.equals(older)) {
            v.problem("llm.model", "'" + older + "' disagrees with models.llm.path='" + path + "' (llm.model is its older name; keep one)");
        }
        String model = path.isEmpty() ? older : path;
        if (model.indexOf('\0') >= 0) {
            v.problem("models.llm.path", "contains a NUL character");
            model = "";
        }
        AppConfig.Llm d = AppConfig.Llm.DEFAULTS;
        return new AppConfig.Llm(model.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(model)),
                v.integer("models.llm.threads", d.threads(), 1, 256),
                v.integer("models.llm.context", d.context(), 512, 131_072),
                v.integer("models.llm.max_tokens", d.maxTokens(), 64, 16_384),
                v.duration("models.llm.timeout", d.timeout(), Duration.ofSeconds(5), Duration.ofHours(1)),
                v.integer("models.llm.attempts", d.attempts(), 1, 10));
    }

    /** collectors.docker.* or collectors.podman.*: a container runtime's API socket. */
    private static AppConfig.Runtime runtime(ConfigValues v, String name, String defaultSocket) {
        String key = "collectors." + name + ".socket";
        String socket = v.text(key, defaultSocket).strip();
        if (!socket.startsWith("/") || socket.indexOf('\0') >= 0) {
            v.problem(key, "'" + socket + "' is not an absolute path to a unix socket");
            socket = defaultSocket;
        }
        return new AppConfig.Runtime(v.bool("collectors." + name + ".enabled", true), Path.of(socket));
    }

    /** Host names (or addresses) a browser may use to reach us, besides the ones known at start. */
    private static List<String> allowedHosts(ConfigValues v) {
        List<String> names = new ArrayList<>();
        for (String name : v.text("http.allowed_hosts", "").split(",")) {
            String n = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (!n.matches("[a-z0-9._:\\[\\]-]+") || n.length() > 253) {
                v.problem("http.allowed_hosts", "'" + name.strip() + "' is not a host name or address (no scheme, port or path)");
            } else {
                names.add(n);
            }
        }
        return names;
    }

    private static void checkAcrossKeys(ConfigValues v, AppConfig.Detection d, AppConfig.Retention r) {
        if (d.correlationWindow().compareTo(d.interval()) < 0) {
            v.problem("detection.correlation_window", DurationText.format(d.correlationWindow())
                    + " must be at least detection.interval=" + DurationText.format(d.interval()));
        }
        if (r.maxAge().compareTo(r.raw()) < 0) {
            v.problem("retention.max_age", DurationText.format(r.maxAge()) + " must be at least retention.raw="
                    + DurationText.format(r.raw()) + " (rollups outlive raw samples)");
        }
    }

    private static List<AppConfig.PinnedThreshold> readPins(ConfigValues v, List<MappingNode> nodes,
                                                            Predicate<String> knownMetric) {
        List<AppConfig.PinnedThreshold> pins = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String key = "metrics[" + i + "]";
            MappingNode node = nodes.get(i);
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple t : node.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                if (!Set.of("name", "labels", "above", "below").contains(name)) {
                    v.problemAt(node, key, "unknown key '" + name + "' (allowed: name, labels, above, below)");
                    continue;
                }
                fields.put(name, t.getValueNode());
            }
            String name = fields.get("name") instanceof ScalarNode s ? s.getValue().strip() : "";
            if (name.isEmpty()) {
                v.problemAt(node, key, "needs a metric name");
                continue;
            }
            if (!knownMetric.test(name)) {
                v.problemAt(node, key + ".name", "unknown metric '" + name + "' (see GET /api/v1/metrics for names)");
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (fields.get("labels") instanceof MappingNode lm) {
                for (NodeTuple t : lm.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode val) {
                        labels.put(k.getValue(), val.getValue());
                    } else {
                        v.problemAt(t.getValueNode(), key + ".labels", "each label must be name: value");
                    }
                }
            } else if (fields.containsKey("labels")) {
                v.problemAt(node, key + ".labels", "must be a mapping of label name to value");
            }
            OptionalDouble above = bound(v, key + ".above", node, fields.get("above"));
            OptionalDouble below = bound(v, key + ".below", node, fields.get("below"));
            if (above.isEmpty() && below.isEmpty()) {
                v.problemAt(node, key, "metric '" + name + "' needs 'above' or 'below'");
                continue;
            }
            if (above.isPresent() && below.isPresent() && below.getAsDouble() >= above.getAsDouble()) {
                v.problemAt(node, key, "below=" + below.getAsDouble() + " must be less than above=" + above.getAsDouble());
                continue;
            }
            pins.add(new AppConfig.PinnedThreshold(name, labels, above, below));
        }
        return pins;
    }

    private static OptionalDouble bound(ConfigValues v, String key, MappingNode entry, Node node) {
        if (node == null) {
            return OptionalDouble.empty();
        }
        String text = node instanceof ScalarNode s ? s.getValue() : "(not a value)";
        try {
            double d = Double.parseDouble(text.strip());
            if (Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        v.problemAt(entry, key, "'" + text + "' is not a number");
        return OptionalDouble.empty();
    }
}
