package io.anomalyhunter.api;

import io.anomalyhunter.pipeline.LiveView;
import io.anomalyhunter.series.MetricCatalog;
import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** GET /api/v1/metrics: the series catalogue with each series' latest value. */
@Path("/api/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricResource {
    private final LiveView live;
    private final MetricCatalog catalog;

    public MetricResource(LiveView live, MetricCatalog catalog) {
        this.live = live;
        this.catalog = catalog;
    }

    /** One series in the catalogue. */
    public record MetricView(String series, String metric, Map<String, String> labels, String unit, String help,
                             Double value, Instant time, boolean baselineReady) {
    }

    @GET
    public List<MetricView> list() {
        return live.latest().stream()
                .map(s -> {
                    var d = catalog.find(s.series().metric());
                    return new MetricView(s.series().text(), s.series().metric(), s.series().labels(),
                            d.map(MetricDescriptor::unit).map(MetricUnit::label).orElse(""),
                            d.map(MetricDescriptor::help).orElse(""), AnomalyView.finite(s.value()), s.time(),
                            s.baselineReady());
                })
                .sorted(Comparator.comparing(MetricView::series))
                .toList();
    }
}
