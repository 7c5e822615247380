package io.anomalyhunter.api;

import io.anomalyhunter.pipeline.LiveView;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.store.SeriesQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /api/v1/series: one series over time with the band its baseline expected at each point (as stored with
 * the minute's rollup; the current minute takes the band expected now).
 */
@Path("/api/v1/series")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {
    /** More points than a chart can show only costs the browser. */
    private static final long MAX_POINTS = 5000;

    private final SeriesQuery series;
    private final LiveView live;
    private final InstantSource clock;

    public SeriesResource(SeriesQuery series, LiveView live, InstantSource clock) {
        this.series = series;
        this.live = live;
        this.clock = clock;
    }

    /** One step: value statistics and the expected band (null where the baseline has none). */
    public record Point(Instant time, double value, double min, double max, Double expectedLow, Double expectedHigh) {
    }

    /** The answer: which series, what step, and the points. */
    public record SeriesView(String series, Instant from, Instant to, long stepSeconds, List<Point> points) {
    }

    @GET
    public SeriesView get(@QueryParam("metric") String metric, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("step") String step) {
        if (metric == null || metric.isBlank()) {
            throw new BadDataException("metric: required, e.g. metric=host_cpu_percent{mode=\"total\"}");
        }
        SeriesKey key;
        try {
            key = SeriesKey.parse(metric);
        } catch (IllegalArgumentException e) {
            throw new BadDataException("metric: " + e.getMessage());
        }
        Instant now = clock.instant();
        Instant start = QueryParams.time("from", from, now, now.minus(Duration.ofHours(1)));
        Instant end = QueryParams.time("to", to, now, now);
        if (!end.isAfter(start)) {
            throw new BadDataException("to: must be after from (from=" + start + ", to=" + end + ")");
        }
        Duration stepSize = QueryParams.duration("step", step, Duration.ofSeconds(10));
        if (Duration.between(start, end).toMillis() / stepSize.toMillis() > MAX_POINTS) {
            throw new BadDataException("step: '" + step + "' gives more than " + MAX_POINTS
                    + " points between from and to; use a larger step");
        }
        List<Point> points = new ArrayList<>();
        Instant unfinished = now.minus(Duration.ofMinutes(2));
        for (var p : series.range(key, start, end, stepSize)) {
            double low = p.expectedLow();
            double high = p.expectedHigh();
            if (Double.isNaN(low) && !p.time().isBefore(unfinished)) {
                // The current minute has no rollup yet: its band is the one the baseline expects now.
                double[] band = live.expectedBand(key, p.time()).orElse(new double[] {Double.NaN, Double.NaN});
                low = band[0];
                high = band[1];
            }
            points.add(new Point(p.time(), p.mean(), p.min(), p.max(), AnomalyView.finite(low), AnomalyView.finite(high)));
        }
        return new SeriesView(key.text(), start, end, stepSize.toSeconds(), points);
    }
}
