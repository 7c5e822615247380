package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import java.util.List;

/** The metrics the pipeline itself produces. */
public final class PipelineMetrics {
    public static final String ANOMALY_RATE = "host_anomaly_rate_percent";

    public static final List<MetricDescriptor> ALL = List.of(new MetricDescriptor(ANOMALY_RATE, MetricUnit.PERCENT,
            "Share of the watched series that have an anomaly open (not itself watched for anomalies)"));

    private PipelineMetrics() {
    }
}
