package io.anomalyhunter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.pipeline.PipelineListener;
import jakarta.inject.Singleton;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Fans anomaly and incident events out to every connected Server-Sent Events client. Events are named
 * "anomaly" and "incident"; their data is JSON {kind, anomaly|incident}. A client that went away is
 * dropped by the broadcaster; nothing here blocks the pipeline.
 */
@Singleton
public class EventStream implements PipelineListener {
    private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

    private final ObjectMapper json;
    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;

    public EventStream(ObjectMapper json) {
        this.json = json;
    }

    synchronized void register(SseEventSink sink, Sse context) {
        if (broadcaster == null) {
            sse = context;
            broadcaster = context.newBroadcaster();
        }
        broadcaster.register(sink);
        sink.send(event("hello", Map.of("message", "connected")));
    }

    /** Keeps idle connections (and proxies in between) from timing out. */
    void keepAlive() {
        SseBroadcaster b = broadcaster;
        if (b != null) {
            b.broadcast(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    @Override
    public void onAnomaly(AnomalyChange change) {
        publish("anomaly", Map.of("kind", kind(change.kind()), "anomaly", AnomalyView.of(change.anomaly())));
    }

    @Override
    public void onIncident(IncidentChange change) {
        publish("incident", Map.of("kind", kind(change.kind()), "incident",
                IncidentView.of(change.incident(), List.of())));
    }

    @Override
    public void onChange(io.anomalyhunter.change.Change change) {
        publish("change", ChangeView.of(null, change));
    }

    private void publish(String name, Object data) {
        SseBroadcaster b = broadcaster;
        if (b != null) {
            b.broadcast(event(name, data));
        }
    }

    private OutboundSseEvent event(String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            LOG.severe("cannot encode " + name + " event: " + e.getMessage());
            return sse.newEventBuilder().comment("encoding failed").build();
        }
    }

    private static String kind(Enum<?> k) {
        return k.name().toLowerCase(Locale.ROOT);
    }
}
