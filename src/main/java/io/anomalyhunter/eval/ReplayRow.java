package io.anomalyhunter.eval;

/**
 * One row of a replayed series: the baseline's score, whether the row is anomalous, the band it expected, the
 * anomaly the row belongs to (0 for none), and {@code alertScore}: the score of the anomaly that opened at this
 * row, 0 elsewhere. An opening is what the daemon alerts on, so it is what NAB scores.
 */
public record ReplayRow(String timestamp, double value, double score, boolean anomalous, double expectedLow,
                        double expectedHigh, long anomalyId, double alertScore) {
}
