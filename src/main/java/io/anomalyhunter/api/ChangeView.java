package io.anomalyhunter.api;

import io.anomalyhunter.change.Change;
import java.time.Instant;
import java.util.Map;

/** A change as the API shows it; {@code id} is null on the event stream, where it is not stored yet. */
public record ChangeView(Long id, Instant time, String kind, String subject, String summary, Map<String, String> details,
                         String source) {
    public static ChangeView of(Long id, Change c) {
        return new ChangeView(id, c.time(), c.kind().word(), c.subject(), c.summary(), new java.util.TreeMap<>(c.details()),
                c.source());
    }
}
