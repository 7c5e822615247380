package io.anomalyhunter.incident;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Groups anomalies into incidents: an anomaly joins the latest open incident that started no more than
 * {@code window} before it; otherwise it opens a new incident, and so a new alert. A problem that starts later
 * is a new incident even while an older one is still open. An incident is titled once, from the anomaly that
 * opened it, and resolves once all its anomalies have ended and no more can join (its window has passed).
 * Time comes from the data (sample or capture time), never the wall clock. Not thread-safe.
 */
public final class IncidentCorrelator {
    private final LongSupplier ids;
    private final Duration window;
    private final List<OpenIncident> open = new ArrayList<>();
    private final Map<Long, OpenIncident> byAnomaly = new HashMap<>();

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
        OpenIncident member = byAnomaly.get(a.id());
        if (member != null) {
            member.members.put(a.id(), a);
            return Optional.of(new IncidentChange(IncidentChange.Kind.UPDATED, member.snapshot(null)));
        }
        if (change.kind() != AnomalyChange.Kind.OPENED) {
            return Optional.empty(); // belongs to an incident already resolved
        }
        OpenIncident joined = null;
        for (OpenIncident i : open) {
            if (i.accepts(a.start(), window) && (joined == null || i.start.isAfter(joined.start))) {
                joined = i;
            }
        }
        IncidentChange.Kind kind = IncidentChange.Kind.UPDATED;
        if (joined == null) {
            joined = new OpenIncident(ids.getAsLong(), a.start(), IncidentTitle.of(a));
            open.add(joined);
            kind = IncidentChange.Kind.OPENED;
        }
        joined.members.put(a.id(), a);
        byAnomaly.put(a.id(), joined);
        return Optional.of(new IncidentChange(kind, joined.snapshot(null)));
    }

    /**
     * Takes over the incidents a previous run left open, with their member anomalies (by id); they resolve as
     * any other once their anomalies have ended. A member the store no longer has counts as ended at the
     * incident's start.
     */
    public void resume(List<Incident> cutOff, Map<Long, Anomaly> members) {
        for (Incident i : cutOff) {
            OpenIncident o = new OpenIncident(i.id(), i.start(), i.title());
            for (long id : i.anomalyIds()) {
                Anomaly a = members.get(id);
                if (a != null) {
                    o.members.put(id, a);
                    byAnomaly.put(id, o);
                }
            }
            open.add(o);
        }
    }

    /** Resolves the incidents whose time has come. */
    public List<IncidentChange> tick(Instant now) {
        List<IncidentChange> resolved = new ArrayList<>();
        for (Iterator<OpenIncident> it = open.iterator(); it.hasNext(); ) {
            OpenIncident i = it.next();
            if (i.anyOpen() || now.isBefore(i.start.plus(window))) {
                continue;
            }
            it.remove();
            i.members.keySet().forEach(byAnomaly::remove);
            resolved.add(new IncidentChange(IncidentChange.Kind.RESOLVED, i.snapshot(i.lastEnd())));
        }
        return resolved;
    }

    /** Incidents open now (for tests and status). */
    public int openCount() {
        return open.size();
    }

    private static final class OpenIncident {
        final long id;
        final Instant start;
        final String title;
        final Map<Long, Anomaly> members = new LinkedHashMap<>();

        OpenIncident(long id, Instant start, String title) {
            this.id = id;
            this.start = start;
            this.title = title;
        }

        /** An anomaly may join when it starts no later than {@code window} after this incident began. */
        boolean accepts(Instant anomalyStart, Duration window) {
            return !anomalyStart.isAfter(start.plus(window));
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
            LinkedHashSet<String> series = new LinkedHashSet<>();
            for (Anomaly a : members.values()) {
                series.add(a.series().text());
                max = Math.max(max, a.score());
            }
            return new Incident(id, start, end, Severity.of(max, series.size()), max, title,
                    new ArrayList<>(members.keySet()), new ArrayList<>(series));
        }
    }
}
