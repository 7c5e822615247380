package io.anomalyhunter.api;

import io.anomalyhunter.rca.RcaService;
import io.anomalyhunter.rca.Report;
import io.anomalyhunter.store.SqliteReportStore;
import jakarta.ws.rs.core.Response;
import io.anomalyhunter.store.AnomalyQuery;
import io.anomalyhunter.store.IncidentFilter;
import io.anomalyhunter.store.IncidentQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.List;

/** GET /api/v1/incidents, /api/v1/incidents/{id} and its root-cause report, /api/v1/incidents/{id}/report. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    private final IncidentQuery incidents;
    private final AnomalyQuery anomalies;
    private final InstantSource clock;
    private final RcaService rca;
    private final SqliteReportStore reports;

    public IncidentResource(IncidentQuery incidents, AnomalyQuery anomalies, InstantSource clock, RcaService rca,
                            SqliteReportStore reports) {
        this.incidents = incidents;
        this.anomalies = anomalies;
        this.clock = clock;
        this.rca = rca;
        this.reports = reports;
    }

    /**
     * The incident's root-cause report: the one its analysis job stored (when it opened, then when it resolved), or,
     * before the job has run, one made now by the same rules.
     */
    @GET
    @Path("/{id}/report")
    public Response report(@PathParam("id") String id) {
        long n = QueryParams.id(id, "an incident id");
        var stored = reports.find(n);
        if (stored.isPresent()) {
            return Response.ok(stored.get().json(), MediaType.APPLICATION_JSON).build();
        }
        Report r = rca.report(n).orElseThrow(() -> new NotFoundException("incident " + n + " does not exist"));
        return Response.ok(r, MediaType.APPLICATION_JSON).build();
    }

    @GET
    public Page<IncidentView> list(@QueryParam("since") String since, @QueryParam("until") String until,
                                   @QueryParam("state") String state, @QueryParam("limit") String limit,
                                   @QueryParam("offset") String offset) {
        var now = clock.instant();
        int lim = QueryParams.integer("limit", limit, 100, 1, 1000);
        int off = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        boolean openOnly;
        if (state == null || state.isBlank() || state.equals("all")) {
            openOnly = false;
        } else if (state.equals("open")) {
            openOnly = true;
        } else {
            throw new BadDataException("state: '" + state + "' must be open or all");
        }
        var filter = new IncidentFilter(QueryParams.time("since", since, now, null),
                QueryParams.time("until", until, now, null), openOnly, lim, off);
        return Page.of(incidents.find(filter).stream().map(i -> IncidentView.of(i, List.of())).toList(), off, lim);
    }

    @GET
    @Path("/{id}")
    public IncidentView one(@PathParam("id") String id) {
        long n = QueryParams.id(id, "an incident id");
        var incident = incidents.byId(n).orElseThrow(() -> new NotFoundException("incident " + n + " does not exist"));
        return IncidentView.of(incident, anomalies.byIds(incident.anomalyIds()).stream().map(AnomalyView::of).toList());
    }
}
