package io.anomalyhunter.series;

/**
 * The unit of a metric. {@link #minScale()} is the smallest deviation worth calling unusual: without
 * it a series that sat perfectly flat during learning (swap at 0, no UDP errors) would flag its first
 * wiggle with an infinite score.
 */
public enum MetricUnit {
    PERCENT("percent", 2.0),
    BYTES("bytes", 64.0 * 1024 * 1024),
    BYTES_PER_SECOND("bytes_per_second", 64.0 * 1024),
    PER_SECOND("per_second", 5.0),
    COUNT("count", 5.0),
    LOAD("load", 0.5);

    private final String label;
    private final double minScale;

    MetricUnit(String label, double minScale) {
        this.label = label;
        this.minScale = minScale;
    }

    public String label() {
        return label;
    }

    public double minScale() {
        return minScale;
    }
}
