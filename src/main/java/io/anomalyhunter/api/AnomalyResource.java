package io.anomalyhunter.api;

import io.anomalyhunter.store.AnomalyFilter;
import io.anomalyhunter.store.AnomalyQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;

/** GET /api/v1/anomalies: stored anomalies, newest first, filtered and paged. */
@Path("/api/v1/anomalies")
@Produces(MediaType.APPLICATION_JSON)
public class AnomalyResource {
    private final AnomalyQuery anomalies;
    private final InstantSource clock;

    public AnomalyResource(AnomalyQuery anomalies, InstantSource clock) {
        this.anomalies = anomalies;
        this.clock = clock;
    }

    @GET
    public Page<AnomalyView> list(@QueryParam("since") String since, @QueryParam("until") String until,
                                  @QueryParam("metric") String metric, @QueryParam("min_score") String minScore,
                                  @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        var l = QueryParams.listing(since, until, limit, offset, clock.instant());
        String m = metric == null || metric.isBlank() ? null : metric.strip();
        var filter = new AnomalyFilter(l.since(), l.until(), m, QueryParams.number("min_score", minScore, 0, 0, 1), l.limit(),
                l.offset());
        return Page.of(anomalies.find(filter).stream().map(AnomalyView::of).toList(), l.offset(), l.limit());
    }
}
