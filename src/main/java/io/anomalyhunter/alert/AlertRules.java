package io.anomalyhunter.alert;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.detect.Anomaly;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which destinations an incident alerts, and at what severity: pure computation over the
 * incident's anomalies. A rule matches when one anomaly meets all its conditions; destinations named by
 * several matching rules get one alert at the highest of their severities (grouping by incident).
 */
public final class AlertRules {
    private final List<AlertsConfig.Rule> rules;

    public AlertRules(List<AlertsConfig.Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A destination to alert, the severity, and the rules that sent it there. */
    public record Route(String destination, AlertsConfig.Severity severity, List<String> rules) {
    }

    public List<Route> route(List<Anomaly> anomalies) {
        Map<String, AlertsConfig.Severity> severity = new LinkedHashMap<>();
        Map<String, List<String>> why = new LinkedHashMap<>();
        for (AlertsConfig.Rule r : rules) {
            if (!unconditional(r) && anomalies.stream().noneMatch(a -> matches(r, a))) {
                continue;
            }
            for (String d : r.destinations()) {
                severity.merge(d, r.severity(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
                why.computeIfAbsent(d, k -> new ArrayList<>()).add(r.name());
            }
        }
        List<Route> out = new ArrayList<>();
        severity.forEach((d, s) -> out.add(new Route(d, s, why.get(d))));
        return out;
    }

    static boolean unconditional(AlertsConfig.Rule r) {
        return r.metric().isEmpty() && r.above().isEmpty() && r.minScore().isEmpty() && r.minConfidence().isEmpty()
                && r.detector().isEmpty();
    }

    static boolean matches(AlertsConfig.Rule r, Anomaly a) {
        if (r.metric().isPresent() && !r.metric().get().equals(a.series().metric())) {
            return false;
        }
        if (r.above().isPresent() && !(a.peakValue() > r.above().getAsDouble())) {
            return false;
        }
        if (r.minScore().isPresent() && a.score() < r.minScore().getAsDouble()) {
            return false;
        }
        if (r.minConfidence().isPresent() && a.confidence() < r.minConfidence().getAsDouble()) {
            return false;
        }
        return r.detector().isEmpty() || r.detector().get().equals(a.detector());
    }
}
