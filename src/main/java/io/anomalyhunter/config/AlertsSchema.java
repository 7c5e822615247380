package io.anomalyhunter.config;

import io.anomalyhunter.config.AlertsConfig.Destination;
import io.anomalyhunter.config.AlertsConfig.RateLimit;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code alerts:} (docs/configuration.md): retry, destinations, rules. A rule naming an unknown
 * destination or metric is refused with the name, so a typo never silences an alert.
 */
final class AlertsSchema {
    private static final Set<String> SECTION = Set.of("retry", "destinations", "rules");
    private static final Set<String> RETRY = Set.of("max_attempts", "initial", "max");
    private static final Map<String, Set<String>> DESTINATION_KEYS = Map.of(
            "journal", Set.of(),
            "syslog", Set.of("host", "port", "transport", "app_name", "timeout", "tls_verify_hostname", "tls_ca_file"),
            "smtp", Set.of("host", "port", "starttls", "username", "password", "from", "to", "timeout",
                    "tls_verify_hostname", "tls_ca_file"),
            "webhook", Set.of("url", "secret", "format", "timeout"),
            "exec", Set.of("command", "timeout"));
    private static final Set<String> RULE = Set.of("name", "severity", "metric", "above", "min_score",
            "min_confidence", "detector", "destinations");
    private static final Set<String> DETECTORS = Set.of("baseline", "threshold", "network");
    private static final Pattern RATE = Pattern.compile("(\\d{1,7})\\s*/\\s*(s|m|h|d)");

    private final String source;
    private final List<String> problems;
    private final Predicate<String> knownMetric;

    AlertsSchema(String source, List<String> problems, Predicate<String> knownMetric) {
        this.source = source;
        this.problems = problems;
        this.knownMetric = knownMetric;
    }

    AlertsConfig read(Node node) {
        if (node == null || node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return AlertsConfig.none();
        }
        Map<String, Node> fields = fields(node, "alerts", SECTION);
        AlertsConfig.Retry retry = AlertsConfig.Retry.DEFAULT;
        if (fields.get("retry") != null) {
            ConfigValues v = values("alerts.retry", fields(fields.get("retry"), "alerts.retry", RETRY));
            retry = new AlertsConfig.Retry(v.integer("alerts.retry.max_attempts", 10, 1, 100),
                    v.duration("alerts.retry.initial", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofHours(1)),
                    v.duration("alerts.retry.max", Duration.ofMinutes(10), Duration.ofMillis(10), Duration.ofDays(1)));
            if (retry.initial().compareTo(retry.max()) > 0) {
                v.problem("alerts.retry.initial", DurationText.format(retry.initial()) + " must not be longer than "
                        + "alerts.retry.max=" + DurationText.format(retry.max()));
            }
        }
        List<Destination> destinations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = list(fields.get("destinations"), "alerts.destinations");
        for (int i = 0; i < items.size(); i++) {
            Destination d = destination(items.get(i), "alerts.destinations[" + i + "]");
            if (d != null && !names.add(d.name())) {
                problemAt(items.get(i), "alerts.destinations[" + i + "].name", "'" + d.name() + "' is used twice");
            } else if (d != null) {
                destinations.add(d);
            }
        }
        List<AlertsConfig.Rule> rules = new ArrayList<>();
        List<Node> ruleNodes = list(fields.get("rules"), "alerts.rules");
        for (int i = 0; i < ruleNodes.size(); i++) {
            AlertsConfig.Rule r = rule(ruleNodes.get(i), "alerts.rules[" + i + "]", names);
            if (r != null) {
                rules.add(r);
            }
        }
        return new AlertsConfig(retry, destinations, rules);
    }

    private Destination destination(Node node, String key) {
        Map<String, Node> f = fields(node, key, null);
        ConfigValues v = values(key, f);
        String name = scalar(f.get("name"));
        String type = scalar(f.get("type"));
        if (name.isEmpty()) {
            if (!f.containsKey("name")) {
                problemAt(node, key, "needs a name");
            }
            return null;
        }
        Set<String> allowed = DESTINATION_KEYS.get(type);
        if (allowed == null) {
            problemAt(f.getOrDefault("type", node), key + ".type", "'" + type + "' is not a destination type (journal, "
                    + "syslog, smtp, webhook, exec)");
            return null;
        }
        for (Map.Entry<String, Node> e : f.entrySet()) {
            if (!allowed.contains(e.getKey()) && !Set.of("name", "type", "rate_limit").contains(e.getKey())) {
                problemAt(e.getValue(), key + "." + e.getKey(), "unknown key for a " + type + " destination (allowed: name, "
                        + "type, rate_limit" + (allowed.isEmpty() ? "" : ", " + String.join(", ", allowed.stream().sorted().toList())) + ")");
            }
        }
        RateLimit rate = rateLimit(f.get("rate_limit"), key + ".rate_limit");
        Duration timeout = v.duration(key + ".timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5));
        switch (type) {
            case "journal":
                return new AlertsConfig.Journal(name, rate);
            case "syslog":
                return new AlertsConfig.Syslog(name, rate, required(v, f, node, key, "host"),
                        v.integer(key + ".port", 514, 1, 65535),
                        v.choice(key + ".transport", AlertsConfig.Syslog.Transport.UDP, AlertsConfig.Syslog.Transport.class),
                        v.text(key + ".app_name", "anomaly-hunter"), timeout, tls(v, key));
            case "smtp":
                List<String> to = strings(f.get("to"), key + ".to");
                if (to.isEmpty()) {
                    problemAt(node, key + ".to", "needs at least one recipient");
                }
                return new AlertsConfig.Smtp(name, rate, required(v, f, node, key, "host"), v.integer(key + ".port", 25, 1, 65535),
                        v.bool(key + ".starttls", false), optional(v, key + ".username"), optional(v, key + ".password"),
                        required(v, f, node, key, "from"), to, timeout, tls(v, key));
            case "webhook":
                String format = v.text(key + ".format", "json");
                if (!Set.of("json", "slack").contains(format)) {
                    v.problem(key + ".format", "'" + format + "' is not json or slack");
                }
                return new AlertsConfig.Webhook(name, rate, url(v, f, node, key), optional(v, key + ".secret"),
                        format.equals("slack"), timeout);
            default:
                List<String> command = strings(f.get("command"), key + ".command");
                if (command.isEmpty()) {
                    problemAt(node, key + ".command", "needs the command to run, as a list: [/path/to/program, arg]");
                }
                return new AlertsConfig.Exec(name, rate, command, timeout);
        }
    }

    private static AlertsConfig.Tls tls(ConfigValues v, String key) {
        Optional<String> ca = optional(v, key + ".tls_ca_file");
        if (ca.isPresent()) {
            java.nio.file.Path p = java.nio.file.Path.of(ca.get());
            if (!java.nio.file.Files.isRegularFile(p) || !java.nio.file.Files.isReadable(p)) {
                v.problem(key + ".tls_ca_file", "'" + ca.get() + "' is not a readable file (PEM certificates of the CAs to trust)");
            }
        }
        return new AlertsConfig.Tls(v.bool(key + ".tls_verify_hostname", true), ca.map(java.nio.file.Path::of));
    }

    private AlertsConfig.Rule rule(Node node, String key, Set<String> destinations) {
        Map<String, Node> f = fields(node, key, RULE);
        ConfigValues v = values(key, f);
        String name = v.text(key + ".name", "").strip();
        if (name.isEmpty()) {
            problemAt(node, key, "needs a name");
        }
        Optional<String> metric = optional(v, key + ".metric");
        if (metric.isPresent() && !knownMetric.test(metric.get())) {
            v.problem(key + ".metric", "unknown metric '" + metric.get() + "' (see GET /api/v1/metrics for names)");
        }
        Optional<String> detector = optional(v, key + ".detector");
        if (detector.isPresent() && !DETECTORS.contains(detector.get())) {
            v.problem(key + ".detector", "unknown detector '" + detector.get() + "' (baseline, threshold, network)");
        }
        OptionalDouble above = optionalNumber(v, f, key + ".above", -Double.MAX_VALUE, Double.MAX_VALUE);
        if (above.isPresent() && metric.isEmpty()) {
            v.problem(key + ".above", "needs 'metric' to say which metric must be above " + above.getAsDouble());
        }
        List<String> to = strings(f.get("destinations"), key + ".destinations");
        if (to.isEmpty()) {
            problemAt(node, key + ".destinations", "needs at least one destination");
        }
        for (String d : to) {
            if (!destinations.contains(d)) {
                problemAt(f.get("destinations"), key + ".destinations", "unknown destination '" + d + "' (defined: "
                        + (destinations.isEmpty() ? "none" : String.join(", ", destinations.stream().sorted().toList())) + ")");
            }
        }
        return new AlertsConfig.Rule(name, v.choice(key + ".severity", AlertsConfig.Severity.WARNING, AlertsConfig.Severity.class),
                metric, above, optionalNumber(v, f, key + ".min_score", 0, 1),
                optionalNumber(v, f, key + ".min_confidence", 0, 1), detector, to);
    }

    private RateLimit rateLimit(Node node, String key) {
        if (node == null) {
            return RateLimit.DEFAULT;
        }
        if (!(node instanceof ScalarNode)) {
            problemAt(node, key, "must be a single value like 30/h, not a " + (node instanceof SequenceNode ? "list" : "mapping"));
            return RateLimit.DEFAULT;
        }
        Matcher m = RATE.matcher(scalar(node).strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
            problemAt(node, key, "'" + scalar(node) + "' is not a rate like 30/h (a count from 1 to 9999999 per s, m, h or d)");
            return RateLimit.DEFAULT;
        }
        Duration per = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new RateLimit(Integer.parseInt(m.group(1)), per);
    }

    private URI url(ConfigValues v, Map<String, Node> f, Node node, String key) {
        String text = required(v, f, node, key, "url");
        try {
            URI u = new URI(text);
            if (!Set.of("http", "https").contains(String.valueOf(u.getScheme())) || u.getHost() == null) {
                v.problem(key + ".url", "'" + text + "' is not an http:// or https:// URL");
            }
            return u;
        } catch (URISyntaxException e) {
            v.problem(key + ".url", "'" + text + "' is not a URL: " + e.getReason());
            return URI.create("http://invalid/");
        }
    }

    private static String required(ConfigValues v, Map<String, Node> f, Node node, String key, String field) {
        String value = v.text(key + "." + field, "").strip();
        if (value.isEmpty()) {
            v.problemAt(node, key + "." + field, "is required");
        }
        return value;
    }

    private static Optional<String> optional(ConfigValues v, String key) {
        String value = v.text(key, "").strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static OptionalDouble optionalNumber(ConfigValues v, Map<String, Node> f, String key, double min, double max) {
        String field = key.substring(key.lastIndexOf('.') + 1);
        return f.containsKey(field) ? OptionalDouble.of(v.number(key, 0, min, max)) : OptionalDouble.empty();
    }

    /** A mapping's entries; keys outside {@code allowed} (when given) are reported. */
    private Map<String, Node> fields(Node node, String key, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problemAt(node, key, "must be a mapping of keys");
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (allowed != null && !allowed.contains(name)) {
                problemAt(t.getKeyNode(), key + "." + name, "unknown key (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
                continue;
            }
            out.put(name, t.getValueNode());
        }
        return out;
    }

    private List<Node> list(Node node, String key) {
        if (node == null || node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        problemAt(node, key, "must be a list");
        return List.of();
    }

    /** A list of plain values, or one plain value. */
    private List<String> strings(Node node, String key) {
        if (node instanceof ScalarNode s) {
            return s.getValue().isBlank() ? List.of() : List.of(s.getValue().strip());
        }
        List<String> out = new ArrayList<>();
        for (Node item : list(node, key)) {
            if (item instanceof ScalarNode s) {
                out.add(s.getValue());
            } else {
                problemAt(item, key, "each entry must be a plain value");
            }
        }
        return out;
    }

    /**
     * The single values among {@code fields}. A list or mapping where a single value belongs is a problem here,
     * never dropped: {@code secret: [KEY]} would otherwise send unsigned webhooks, {@code starttls: [true]} plain text.
     */
    private ConfigValues values(String prefix, Map<String, Node> fields) {
        Map<String, ScalarNode> scalars = new LinkedHashMap<>();
        fields.forEach((k, n) -> {
            if (n instanceof ScalarNode s) {
                scalars.put(prefix + "." + k, s);
            } else if (!LIST_FIELDS.contains(k)) {
                problemAt(n, prefix + "." + k, "must be a single value, not a "
                        + (n instanceof SequenceNode ? "list" : "mapping"));
            }
        });
        return new ConfigValues(source, scalars, problems);
    }

    /** Fields that take a list (read by {@link #strings}), or a mapping of their own. */
    private static final Set<String> LIST_FIELDS = Set.of("to", "command", "destinations", "rate_limit");

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : "";
    }

    private void problemAt(Node node, String key, String message) {
        problems.add(ConfigLoader.at(source, node) + key + ": " + message);
    }
}
