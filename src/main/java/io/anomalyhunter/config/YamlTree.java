package io.anomalyhunter.config;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses config text into SnakeYAML's node tree with limits a hostile or broken file cannot get past (nesting,
 * aliases, size), and refuses duplicate keys, which SnakeYAML only checks when it builds objects, not nodes.
 * Every problem names line and column.
 */
final class YamlTree {
    /** Our deepest key is four levels (alerts.destinations[0].to[0]); twenty leaves room and stops recursion bombs. */
    static final int MAX_DEPTH = 20;
    /** Anchors are rare in a config; a handful is enough and an alias bomb needs thousands. */
    static final int MAX_ALIASES = 20;

    private YamlTree() {
    }

    /** The root node, or null for an empty document. */
    static Node compose(String source, String text) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // SnakeYAML's own limits sit above ours (checkShape), which say where; these are the backstop.
        options.setMaxAliasesForCollections(MAX_ALIASES * 2);
        options.setNestingDepthLimit(MAX_DEPTH * 2);
        options.setCodePointLimit(ConfigFile.MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            checkShape(source, new Yaml(options).parse(new StringReader(text)));
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(at(source, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark())
                    + "malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            // Limits (aliases, depth, size) are reported without a mark; say what the limit was for.
            throw new ConfigException(source + ": refused YAML: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new ConfigException(source + ": refused YAML: nested too deeply");
        }
        if (root != null) {
            checkDuplicates(source, root, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        }
        return root;
    }

    /**
     * Depth and alias counts from the event stream, where every event has its place: SnakeYAML's own limits stop
     * the same files but say nothing of where.
     */
    private static void checkShape(String source, Iterable<Event> events) throws ConfigException {
        int depth = 0;
        int aliases = 0;
        for (Event e : events) {
            if (e instanceof CollectionStartEvent) {
                if (++depth > MAX_DEPTH) {
                    throw new ConfigException(at(source, e.getStartMark()) + "nested more than " + MAX_DEPTH + " levels deep");
                }
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            } else if (e instanceof AliasEvent && ++aliases > MAX_ALIASES) {
                throw new ConfigException(at(source, e.getStartMark()) + "more than " + MAX_ALIASES
                        + " aliases (*name); a config needs few, an alias bomb needs many");
            }
        }
    }

    private static void checkDuplicates(String source, Node node, Set<Node> seen, int depth) throws ConfigException {
        if (!seen.add(node) || depth > MAX_DEPTH) {
            return; // an alias to a node already checked
        }
        if (node instanceof MappingNode map) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    Node first = keys.putIfAbsent(k.getValue(), k);
                    if (first != null) {
                        throw new ConfigException(at(source, k.getStartMark()) + "duplicate key '" + k.getValue()
                                + "' (first at line " + (first.getStartMark().getLine() + 1) + ")");
                    }
                }
                checkDuplicates(source, t.getValueNode(), seen, depth + 1);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                checkDuplicates(source, item, seen, depth + 1);
            }
        }
    }

    static String at(String source, Mark mark) {
        return mark == null ? source + ": " : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }
}
