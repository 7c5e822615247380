package io.anomalyhunter.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Typed reads of flattened config scalars; each bad value adds a problem naming file, line, key and value. */
final class ConfigValues {
    private final String source;
    private final Map<String, ScalarNode> scalars;
    private final List<String> problems;

    ConfigValues(String source, Map<String, ScalarNode> scalars, List<String> problems) {
        this.source = source;
        this.scalars = scalars;
        this.problems = problems;
    }

    String source() {
        return source;
    }

    void problem(String key, String message) {
        ScalarNode n = scalars.get(key);
        String where = n == null ? source + ": " : ConfigLoader.at(source, n);
        problems.add(where + key + ": " + message);
    }

    void problemAt(org.yaml.snakeyaml.nodes.Node node, String key, String message) {
        problems.add(ConfigLoader.at(source, node) + key + ": " + message);
    }

    String text(String key, String dflt) {
        ScalarNode n = scalars.get(key);
        return n == null ? dflt : n.getValue();
    }

    Duration duration(String key, Duration dflt, Duration min, Duration max) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        Duration d = DurationText.parse(n.getValue()).orElse(null);
        if (d == null) {
            problem(key, "'" + n.getValue() + "' is not a duration (write a number and one unit: 500ms, 10s, 5m, 48h, 7d, 2w)");
            return dflt;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(key, "'" + n.getValue() + "' is out of range (" + DurationText.format(min) + " to "
                    + DurationText.format(max) + ")");
            return dflt;
        }
        return d;
    }

    long bytes(String key, long dflt, long min, long max) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        Long v = ByteSizeText.parse(n.getValue()).orElse(null);
        if (v == null) {
            problem(key, "'" + n.getValue() + "' is not a size (write a whole number and a unit: 512KB, 64MB, 1GB)");
            return dflt;
        }
        if (v < min || v > max) {
            problem(key, "'" + n.getValue() + "' is out of range (" + ByteSizeText.format(min) + " to "
                    + ByteSizeText.format(max) + ")");
            return dflt;
        }
        return v;
    }

    int integer(String key, int dflt, int min, int max) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(n.getValue().strip());
            if (v < min || v > max) {
                problem(key, "'" + n.getValue() + "' is out of range (" + min + " to " + max + ")");
                return dflt;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(key, "'" + n.getValue() + "' is not a whole number");
            return dflt;
        }
    }

    double number(String key, double dflt, double min, double max) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        try {
            double v = Double.parseDouble(n.getValue().strip());
            if (!(v >= min && v <= max)) {
                problem(key, "'" + n.getValue() + "' is out of range (" + min + " to " + max + ")");
                return dflt;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(key, "'" + n.getValue() + "' is not a number");
            return dflt;
        }
    }

    boolean bool(String key, boolean dflt) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        String v = n.getValue().strip().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        problem(key, "'" + n.getValue() + "' is not true or false");
        return dflt;
    }

    <E extends Enum<E>> E choice(String key, E dflt, Class<E> type) {
        ScalarNode n = scalars.get(key);
        if (n == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, n.getValue().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : "|").append(c.name().toLowerCase(Locale.ROOT));
            }
            problem(key, "'" + n.getValue() + "' is not one of " + allowed);
            return dflt;
        }
    }
}
