package io.anomalyhunter.incident;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.series.SeriesKey;
import java.util.Map;

/**
 * The short title an incident gets once, from the anomaly that opened it: the series and what it did, or for
 * a network attack the attack, its source and its target (not the whole evidence line), or for the host model
 * the series that moved most.
 */
public final class IncidentTitle {
    /** The metric network attack findings are filed under. */
    static final String ATTACK_METRIC = "net_attack";
    /** The metric of the host model's verdicts, whose reason names the series that moved most. */
    static final String HOST_MODEL_METRIC = "host_model_score";
    static final int MAX_LENGTH = 120;

    private IncidentTitle() {
    }

    public static String of(Anomaly a) {
        SeriesKey s = a.series();
        Map<String, String> l = s.labels();
        String title;
        if (s.metric().equals(ATTACK_METRIC) && l.containsKey("kind")) {
            title = l.get("kind").replace('_', ' ') + " from " + l.getOrDefault("source", "unknown") + " to "
                    + l.getOrDefault("target", "unknown");
        } else if (s.metric().equals(HOST_MODEL_METRIC) && !a.reason().isEmpty()) {
            title = "unusual host state: " + a.reason(); // the model's own series says nothing to an operator
        } else {
            title = s.text() + " " + a.reason();
        }
        return title.length() <= MAX_LENGTH ? title : title.substring(0, MAX_LENGTH - 1) + "…";
    }
}
