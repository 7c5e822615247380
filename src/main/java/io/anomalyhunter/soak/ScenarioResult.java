package io.anomalyhunter.soak;

import java.util.List;

/**
 * What one soak scenario tried and what it found.
 *
 * @param lost things that should have survived and did not (incidents, alerts, answers); 0 is the only good figure
 * @param figures measurements worth recording, one line each
 * @param skipped why it did not run, or null
 */
record ScenarioResult(String name, String tried, long lost, List<String> figures, String skipped) {
    static ScenarioResult skipped(String name, String why) {
        return new ScenarioResult(name, "-", 0, List.of(), why);
    }
}
