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
        var now = clock.instant();
        int lim = QueryParams.integer("limit", limit, 100, 1, 1000);
        int off = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        var from = QueryParams.time("since", since, now, null);
        var to = QueryParams.time("until", until, now, null);
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadDataException("until: '" + until + "' is before since: '" + since + "'");
        }
        String m = metric == null || metric.isBlank() ? null : metric.strip();
        var filter = new AnomalyFilter(from, to, m, QueryParams.number("min_score", minScore, 0, 0, 1), lim, off);
        return Page.of(anomalies.find(filter).stream().map(AnomalyView::of).toList(), off, lim);
    }
}
