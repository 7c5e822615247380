package io.anomalyhunter.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the YAML configuration into an {@link AppConfig}. Works on the YAML node tree rather than
 * binding to classes so that every problem can name file, line and the full dotted key, and so that
 * an unknown key is an error instead of being ignored.
 */
public final class ConfigLoader {
    /** Source name used when no file was found. */
    public static final String EMBEDDED = "embedded defaults";

    private final Predicate<String> knownMetric;
    private final Function<String, Optional<String>> filterProblem;
    private final Function<String, Optional<String>> listenProblem;

    /** @param knownMetric says whether a metric name exists, to check the {@code metrics} list */
    public ConfigLoader(Predicate<String> knownMetric) {
        this(knownMetric, filter -> Optional.empty(), ListenAddress::syntaxProblem);
    }

    /**
     * @param filterProblem what is wrong with a capture filter (BPF) expression, if anything; given by the
     *     caller because compiling one needs libpcap, which this package does not know
     * @param listenProblem what is wrong with http.host as an address to listen on (given by the caller, which
     *     knows this host's interfaces)
     */
    public ConfigLoader(Predicate<String> knownMetric, Function<String, Optional<String>> filterProblem,
                        Function<String, Optional<String>> listenProblem) {
        this.knownMetric = knownMetric;
        this.filterProblem = filterProblem;
        this.listenProblem = listenProblem;
    }

    public AppConfig load(Path file) throws ConfigException {
        return parse(file.toString(), ConfigFile.read(file));
    }

    /** The configuration with no file at all. */
    public AppConfig defaults() {
        try {
            return parse(EMBEDDED, "");
        } catch (ConfigException e) {
            throw new IllegalStateException("embedded defaults are invalid: " + e.getMessage(), e);
        }
    }

    public AppConfig parse(String source, String yamlText) throws ConfigException {
        Map<String, ScalarNode> scalars = new LinkedHashMap<>();
        List<MappingNode> metricNodes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Node alerts = null;
        if (yamlText.length() > ConfigFile.MAX_BYTES) {
            throw new ConfigException(source + ": is " + yamlText.length() + " characters; a config may have at most "
                    + ConfigFile.MAX_BYTES);
        }
        Node root = YamlTree.compose(source, yamlText);
        if (root != null) {
            if (!(root instanceof MappingNode map)) {
                throw new ConfigException(at(source, root) + "the top level must be a mapping of keys (detection:, http:, ...)");
            }
            alerts = take(map, "alerts");
            flatten(source, "", map, scalars, metricNodes, problems);
        }
        ConfigValues values = new ConfigValues(source, scalars, problems);
        AlertsConfig alertsConfig = new AlertsSchema(source, problems, knownMetric).read(alerts);
        AppConfig config = ConfigSchema.read(values, metricNodes, knownMetric, filterProblem, listenProblem,
                alertsConfig);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** Removes the top-level {@code key} from the mapping and returns its value (null when absent). */
    private static Node take(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                map.getValue().remove(t);
                return t.getValueNode();
            }
        }
        return null;
    }

    private static void flatten(String source, String prefix, MappingNode map, Map<String, ScalarNode> scalars,
                                List<MappingNode> metricNodes, List<String> problems) {
        Set<String> sections = ConfigSchema.SECTIONS;
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(at(source, t.getKeyNode()) + "keys must be plain names");
                continue;
            }
            String key = prefix + keyNode.getValue();
            Node value = t.getValueNode();
            if (key.equals("metrics")) {
                readMetricList(source, value, metricNodes, problems);
            } else if (value instanceof MappingNode child && sections.contains(key)) {
                flatten(source, key + ".", child, scalars, metricNodes, problems);
            } else if (value instanceof ScalarNode scalar && ConfigSchema.KEYS.contains(key)) {
                scalars.put(key, scalar);
            } else if (value instanceof SequenceNode seq && ConfigSchema.LIST_KEYS.contains(key)
                    && seq.getValue().stream().allMatch(ScalarNode.class::isInstance)) {
                // A list of names is kept as one comma-separated value ("eth0, eth1" means the same).
                String joined = String.join(",", seq.getValue().stream().map(n -> ((ScalarNode) n).getValue()).toList());
                scalars.put(key, new ScalarNode(org.yaml.snakeyaml.nodes.Tag.STR, joined, seq.getStartMark(),
                        seq.getEndMark(), org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN));
            } else if (ConfigSchema.KEYS.contains(key) || sections.contains(key)) {
                problems.add(at(source, value) + key + ": has the wrong shape (expected "
                        + (sections.contains(key) ? "a mapping of keys" : "a single value") + ")");
            } else {
                problems.add(at(source, keyNode) + "unknown key '" + key + "'");
            }
        }
    }

    private static void readMetricList(String source, Node value, List<MappingNode> out, List<String> problems) {
        if (value instanceof ScalarNode s && s.getValue().isEmpty()) {
            return;
        }
        if (!(value instanceof SequenceNode seq)) {
            problems.add(at(source, value) + "metrics: must be a list of {name, labels, above, below}");
            return;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode m) {
                out.add(m);
            } else {
                problems.add(at(source, item) + "metrics[]: each entry must be a mapping with name and above/below");
            }
        }
    }

    static String at(String source, Node node) {
        return YamlTree.at(source, node.getStartMark());
    }
}
