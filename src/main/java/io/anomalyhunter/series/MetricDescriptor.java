package io.anomalyhunter.series;

import java.util.Objects;

/** What a metric name means: its unit and a one-line help text (also the Prometheus HELP). */
public record MetricDescriptor(String name, MetricUnit unit, String help) {
    public MetricDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(help, "help");
    }
}
