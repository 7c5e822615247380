package io.anomalyhunter.hostmodel;

import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import io.anomalyhunter.series.SeriesKey;
import java.util.List;

/** The series the host model reports on: its isolation-forest score of each interval's feature vector. */
public final class HostModelMetrics {
    public static final String SCORE = "host_model_score";
    public static final SeriesKey SERIES = SeriesKey.of(SCORE, "model", "isolation_forest");
    public static final List<MetricDescriptor> ALL = List.of(new MetricDescriptor(SCORE, MetricUnit.COUNT,
            "Isolation-forest anomaly score of the host's whole feature vector, 0-1 (about 0.5 normal, near 1 isolated)"));

    private HostModelMetrics() {
    }
}
