package io.anomalyhunter.series;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Identifies one time series: a metric name and its labels (kept sorted so equal keys print equally). */
public record SeriesKey(String metric, Map<String, String> labels) {

    public SeriesKey {
        Objects.requireNonNull(metric, "metric");
        if (!validName(metric)) {
            throw new IllegalArgumentException("metric name '" + metric + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!validName(e.getKey())) {
                throw new IllegalArgumentException("label name '" + e.getKey() + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
            sorted.put(e.getKey(), Objects.requireNonNull(e.getValue(), "label value"));
        }
        labels = Collections.unmodifiableMap(sorted);
    }

    /** Builds a key from a metric name and alternating label names and values. */
    public static SeriesKey of(String metric, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return new SeriesKey(metric, labels);
    }

    /**
     * Parses the text form {@code metric{a="b",c="d"}} (labels optional), as printed by {@link #text()}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static SeriesKey parse(String text) {
        String t = text.strip();
        int brace = t.indexOf('{');
        if (brace < 0) {
            return new SeriesKey(t, Map.of());
        }
        if (!t.endsWith("}")) {
            throw new IllegalArgumentException("series '" + text + "' has '{' but does not end with '}'");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        String body = t.substring(brace + 1, t.length() - 1);
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0 || eq + 1 >= body.length() || body.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("series '" + text + "': expected name=\"value\" at offset " + i);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < body.length() && body.charAt(j) != '"'; j++) {
                char c = body.charAt(j);
                if (c == '\\' && j + 1 < body.length()) {
                    char next = body.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= body.length()) {
                throw new IllegalArgumentException("series '" + text + "': unterminated label value");
            }
            labels.put(body.substring(i, eq).strip(), value.toString());
            i = j + 1;
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
            }
        }
        return new SeriesKey(t.substring(0, brace), labels);
    }

    /** The canonical text form, e.g. {@code host_cpu_percent{mode="user"}}; also the Prometheus series. */
    public String text() {
        if (labels.isEmpty()) {
            return metric;
        }
        StringBuilder sb = new StringBuilder(metric).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static boolean validName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // Written out: a record's generated equals and hashCode run through method handles, which the native
    // executable interprets (with reflection) instead of compiling; this is a hash key on hot paths.
    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesKey k && metric.equals(k.metric) && labels.equals(k.labels);
    }

    @Override
    public int hashCode() {
        return metric.hashCode() * 31 + labels.hashCode();
    }
}
