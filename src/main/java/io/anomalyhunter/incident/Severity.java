package io.anomalyhunter.incident;

/** How urgent an incident is; ordered from least to most. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    /**
     * From the strongest member's score and the breadth (distinct series involved). A score of 0.5 is a
     * deviation just at the detector's threshold; 0.75 is four decades of surprise beyond it; 0.9 sixteen. One
     * series just over the line is information; a clear deviation, or three series at once, a warning; a
     * deviation beyond doubt, or a strong one across several series, or ten series, is critical.
     */
    public static Severity of(double maxScore, int series) {
        if (maxScore >= 0.9 || (maxScore >= 0.75 && series >= 3) || series >= 10) {
            return CRITICAL;
        }
        if (maxScore >= 0.6 || series >= 3) {
            return WARNING;
        }
        return INFO;
    }
}
