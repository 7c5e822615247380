package io.anomalyhunter.api;

import io.anomalyhunter.collect.CollectorSet;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.config.BuildInfo;
import io.anomalyhunter.pipeline.PipelineStats;
import io.anomalyhunter.store.DatabaseProbe;
import io.anomalyhunter.store.StoreHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * GET /health: liveness (the daemon answers and its database reads) and readiness (a first batch of
 * samples went through the pipeline), with each collector's state. 200 when UP or DEGRADED (it runs, but the
 * store sheds data: {@code degraded} says why), 503 when DOWN.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final CollectorSet collectors;
    private final PipelineStats stats;
    private final DatabaseProbe db;
    private final StoreHealth store;
    private final InstantSource clock;
    private final Instant started;

    public HealthResource(CollectorSet collectors, PipelineStats stats, DatabaseProbe db, StoreHealth store,
                          InstantSource clock) {
        this.collectors = collectors;
        this.stats = stats;
        this.db = db;
        this.store = store;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The health answer. */
    public record Health(String status, boolean ready, String version, long uptimeSeconds, String database,
                         String degraded, List<CollectorState> collectors, long samplesIngested) {
    }

    @GET
    public Response health() {
        String dbState;
        boolean up;
        try {
            dbState = "schema v" + db.schemaVersion();
            up = true;
        } catch (RuntimeException e) {
            dbState = "unreadable: " + e.getMessage();
            up = false;
        }
        String degraded = up ? store.degradation().orElse(null) : null;
        Health h = new Health(!up ? "DOWN" : degraded != null ? "DEGRADED" : "UP", up && stats.batches() > 0,
                BuildInfo.version(), Duration.between(started, clock.instant()).toSeconds(), dbState, degraded,
                collectors.states(), stats.samplesIngested());
        return Response.status(up ? 200 : 503).entity(h).build();
    }
}
