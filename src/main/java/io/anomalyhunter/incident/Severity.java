package io.anomalyhunter.incident;

/** How urgent an incident is; ordered from least to most. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /** Critical from a near-certain deviation or many series at once, warning from a clear one. */
    public static Severity of(double maxScore, int members) {
        if (maxScore >= 0.95 || members >= 5) {
            return CRITICAL;
        }
        if (maxScore >= 0.75) {
            return WARNING;
        }
        return INFO;
    }
}
