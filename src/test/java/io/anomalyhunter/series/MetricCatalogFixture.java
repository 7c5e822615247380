package io.anomalyhunter.series;


/** The catalogue the daemon runs with, for tests. */
public final class MetricCatalogFixture {
    private MetricCatalogFixture() {
    }

    public static MetricCatalog hostCatalog() {
        return io.anomalyhunter.daemon.DaemonWiring.metricCatalog();
    }
}
