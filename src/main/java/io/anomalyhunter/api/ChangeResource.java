package io.anomalyhunter.api;

import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.store.ChangeFilter;
import io.anomalyhunter.store.ChangeQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;

/** GET /api/v1/changes: the change feed, newest first, filtered by time, kind and subject, and paged. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {
    private final ChangeQuery changes;
    private final InstantSource clock;

    public ChangeResource(ChangeQuery changes, InstantSource clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @GET
    public Page<ChangeView> list(@QueryParam("since") String since, @QueryParam("until") String until,
                                 @QueryParam("kind") String kind, @QueryParam("subject") String subject,
                                 @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        var l = QueryParams.listing(since, until, limit, offset, clock.instant());
        ChangeKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = ChangeKind.ofWord(kind);
            } catch (IllegalArgumentException e) {
                throw new BadDataException("kind: " + e.getMessage());
            }
        }
        String s = subject == null || subject.isBlank() ? null : subject.strip();
        return Page.of(changes.find(new ChangeFilter(l.since(), l.until(), k, s, l.limit(), l.offset())).stream()
                .map(e -> ChangeView.of(e.id(), e.change())).toList(), l.offset(), l.limit());
    }
}
