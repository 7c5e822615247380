package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A verdict reached outside the pipeline by a detector that needs more than a series of numbers (the
 * network collector's attack heuristics see packets). {@code anomalous} false means the condition has
 * passed. Score and confidence are in [0,1]; {@code reason} is what the operator reads.
 */
public record Judgement(SeriesKey series, String detector, Instant time, double value, boolean anomalous, double score,
                        double confidence, String reason) {
    public Judgement {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
