package io.anomalyhunter.api;

import io.anomalyhunter.queue.QueueAdmin;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.queue.QueueStats;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The durable queue: stats, waiting and dead messages, retrying and purging dead letters (docs/api.md). */
@Path("/api/v1/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
    private final QueueAdmin queue;
    private final QueueCounters counters;

    public QueueResource(QueueAdmin queue, QueueCounters counters) {
        this.queue = queue;
        this.counters = counters;
    }

    /** One topic's figures; counts since the daemon started are marked so. */
    public record TopicView(String topic, long waiting, long dead, long done, double oldestWaitingAgeSeconds,
                            long deliveredSinceStart, long retriedSinceStart, long deadLetteredSinceStart) {
    }

    /** A waiting or dead message. */
    public record MessageView(long id, String topic, int attempts, Instant created, String lastError, String payload) {
    }

    /** The answer to a retry or purge. */
    public record ActionView(String action, long count) {
    }

    @GET
    public List<TopicView> stats() {
        return queue.stats().stream().map(this::view).toList();
    }

    private TopicView view(QueueStats s) {
        return new TopicView(s.topic(), s.waiting(), s.dead(), s.done(), s.oldestWaitingAgeMs() / 1000.0,
                counters.get(s.topic(), QueueCounters.Kind.DELIVERED), counters.get(s.topic(), QueueCounters.Kind.RETRIED),
                counters.get(s.topic(), QueueCounters.Kind.DEAD));
    }

    @GET
    @Path("/messages")
    public Page<MessageView> list(@QueryParam("dead") String dead, @QueryParam("limit") String limit) {
        boolean deadOnly;
        if (dead == null || dead.isBlank() || dead.equals("false")) {
            deadOnly = false;
        } else if (dead.equals("true")) {
            deadOnly = true;
        } else {
            throw new BadDataException("dead: '" + dead + "' must be true or false");
        }
        int lim = QueryParams.integer("limit", limit, 100, 1, 1000);
        return Page.of(queue.list(deadOnly, lim).stream().map(m -> new MessageView(m.id(), m.topic(), m.attempts(),
                m.created(), m.lastError(), m.payload())).toList(), 0, lim);
    }

    @POST
    @Path("/messages/{id}/retry")
    public ActionView retry(@PathParam("id") String id) {
        long n = QueryParams.id(id, "a message id");
        if (!queue.retryDead(n)) {
            throw new NotFoundException("message " + n + " is not a dead letter (see GET /api/v1/queue/messages?dead=true)");
        }
        return new ActionView("retry", 1);
    }

    @DELETE
    @Path("/dead")
    public ActionView purgeDead() {
        return new ActionView("purge-dead", queue.purgeDead());
    }
}
