package io.anomalyhunter.cli;

import io.anomalyhunter.classifier.TrafficModel;
import java.util.List;
import java.util.Locale;

/** TreeSHAP contributions as one CSV-safe text: "feature=value +0.123; ...". */
final class Contributions {
    private Contributions() {
    }

    static String text(List<TrafficModel.Contribution> top) {
        StringBuilder b = new StringBuilder();
        for (TrafficModel.Contribution c : top) {
            b.append(b.length() == 0 ? "" : "; ").append(c.feature()).append('=').append(c.value())
                    .append(String.format(Locale.ROOT, " %+.3f", c.contribution()));
        }
        return b.toString();
    }
}
