package io.anomalyhunter.api;

import io.quarkus.scheduler.Scheduled;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** GET /api/v1/events: anomalies and incidents as they happen, as Server-Sent Events. */
@Path("/api/v1/events")
public class EventResource {
    private final EventStream events;

    public EventResource(EventStream events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        events.register(sink, sse);
    }

    @Scheduled(every = "15s", delayed = "15s")
    void keepAlive() {
        events.keepAlive();
    }
}
