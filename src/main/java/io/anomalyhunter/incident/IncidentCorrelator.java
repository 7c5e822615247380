package io.anomalyhunter.incident;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Groups anomalies into incidents: an anomaly that starts while an incident is open, or within
 * {@code window} of its last activity, joins it; otherwise it opens a new one. An incident resolves
 * once all its anomalies have ended and {@code window} has passed since the last end. At most one
 * incident is open at a time. Time comes from the data (sample or capture time), never the wall clock.
 * Not thread-safe.
 */
public final class IncidentCorrelator {
    private final LongSupplier ids;
    private final Duration window;
    private OpenIncident current;

    public IncidentCorrelator(LongSupplier ids, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("correlation window must be positive, was " + window);
        }
        this.ids = ids;
        this.window = window;
    }

    /** Files an anomaly change; returns the incident it opened or changed. */
    public Optional<IncidentChange> onAnomaly(AnomalyChange change) {
        Anomaly a = change.anomaly();
        if (current != null && current.members.containsKey(a.id())) {
            current.members.put(a.id(), a);
            return Optional.of(new IncidentChange(IncidentChange.Kind.UPDATED, current.snapshot(null)));
        }
        if (change.kind() != AnomalyChange.Kind.OPENED) {
            return Optional.empty(); // belongs to an incident already resolved
        }
        if (current != null && joins(a.start())) {
            current.members.put(a.id(), a);
            return Optional.of(new IncidentChange(IncidentChange.Kind.UPDATED, current.snapshot(null)));
        }
        current = new OpenIncident(ids.getAsLong(), a.start());
        current.members.put(a.id(), a);
        return Optional.of(new IncidentChange(IncidentChange.Kind.OPENED, current.snapshot(null)));
    }

    /** Resolves the open incident if its time has come. */
    public Optional<IncidentChange> tick(Instant now) {
        if (current == null || current.anyOpen()) {
            return Optional.empty();
        }
        Instant lastEnd = current.lastEnd();
        if (now.isBefore(lastEnd.plus(window))) {
            return Optional.empty();
        }
        Incident resolved = current.snapshot(lastEnd);
        current = null;
        return Optional.of(new IncidentChange(IncidentChange.Kind.RESOLVED, resolved));
    }

    private boolean joins(Instant start) {
        return current.anyOpen() || !start.isAfter(current.lastEnd().plus(window));
    }

    private static final class OpenIncident {
        final long id;
        final Instant start;
        final Map<Long, Anomaly> members = new LinkedHashMap<>();

        OpenIncident(long id, Instant start) {
            this.id = id;
            this.start = start;
        }

        boolean anyOpen() {
            return members.values().stream().anyMatch(Anomaly::open);
        }

        Instant lastEnd() {
            Instant last = start;
            for (Anomaly a : members.values()) {
                Instant t = a.end() == null ? a.peakTime() : a.end();
                if (t.isAfter(last)) {
                    last = t;
                }
            }
            return last;
        }

        Incident snapshot(Instant end) {
            double max = 0;
            Anomaly top = null;
            LinkedHashSet<String> series = new LinkedHashSet<>();
            List<Long> anomalyIds = new ArrayList<>(members.keySet());
            for (Anomaly a : members.values()) {
                series.add(a.series().text());
                if (top == null || a.score() > max) {
                    max = a.score();
                    top = a;
                }
            }
            String title = top.series().text() + " " + top.reason()
                    + (series.size() > 1 ? " (+" + (series.size() - 1) + " more series)" : "");
            return new Incident(id, start, end, Severity.of(max, series.size()), max, title, anomalyIds,
                    new ArrayList<>(series));
        }
    }
}
