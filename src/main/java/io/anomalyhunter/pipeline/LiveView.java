package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read-only view of what the pipeline holds in memory: latest values and expected bands. Thread-safe. */
public interface LiveView {
    List<SeriesSnapshot> latest();

    /** The band {low, high} the baseline expects for a series at a time, if it has a baseline. */
    Optional<double[]> expectedBand(SeriesKey series, Instant time);
}
