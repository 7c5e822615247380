package io.anomalyhunter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anomalyhunter.pipeline.ProcessUsage;
import io.anomalyhunter.pipeline.SnapshotOnOpen;
import io.anomalyhunter.store.SnapshotQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** GET /api/v1/anomalies/{id}/processes: the busiest processes when that anomaly opened. */
@Path("/api/v1/anomalies/{id}/processes")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
    private final SnapshotQuery snapshots;

    public SnapshotResource(SnapshotQuery snapshots) {
        this.snapshots = snapshots;
    }

    public record ProcessesView(long anomalyId, Instant taken, List<ProcessUsage> processes) {
    }

    @GET
    public ProcessesView get(@PathParam("id") String id) {
        long n = QueryParams.id(id, "an anomaly id");
        SnapshotQuery.Snapshot s = snapshots.forAnomaly(n)
                .orElseThrow(() -> new NotFoundException("no process snapshot for anomaly " + n));
        try {
            return new ProcessesView(n, s.taken(), SnapshotOnOpen.parse(s.json()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored snapshot of anomaly " + n + " does not parse: " + e.getOriginalMessage());
        }
    }
}
