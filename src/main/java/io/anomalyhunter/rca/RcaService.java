package io.anomalyhunter.rca;

import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.pipeline.ProcessUsage;
import io.anomalyhunter.pipeline.SnapshotOnOpen;
import io.anomalyhunter.store.AnomalyQuery;
import io.anomalyhunter.store.ChangeFilter;
import io.anomalyhunter.store.ChangeQuery;
import io.anomalyhunter.store.IncidentQuery;
import io.anomalyhunter.store.SnapshotQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Root-cause analysis of stored incidents: gathers an incident's facts from the store, builds the evidence and
 * ranks the causes by rule. The I/O is here; {@link EvidenceBuilder} and {@link RuleRanker} are pure.
 */
public final class RcaService {
    private static final Logger LOG = Logger.getLogger("Rca");
    /** Changes read at most for one incident: a host reinstalling everything at once still gives a readable report. */
    static final int MAX_CHANGES = 500;
    private final IncidentQuery incidents;
    private final AnomalyQuery anomalies;
    private final ChangeQuery changes;
    private final SnapshotQuery snapshots;
    private final Duration window;
    private final InstantSource clock;

    /** @param window how long before onset a change may have caused it: the correlation window */
    public RcaService(IncidentQuery incidents, AnomalyQuery anomalies, ChangeQuery changes, SnapshotQuery snapshots,
                      Duration window, InstantSource clock) {
        this.incidents = incidents;
        this.anomalies = anomalies;
        this.changes = changes;
        this.snapshots = snapshots;
        this.window = window;
        this.clock = clock;
    }

    /** An incident's facts, its evidence and the rule-based report on them: what the agents start from. */
    public record Analysis(IncidentFacts facts, List<Evidence> evidence, Report rules) {
    }

    /** The rule-based report of an incident, or empty when there is no such incident. */
    public Optional<Report> report(long incidentId) {
        return analysis(incidentId).map(Analysis::rules);
    }

    /** The evidence of an incident (its facts read from the store, then built), or empty when there is no such incident. */
    public Optional<List<Evidence>> evidence(long incidentId) {
        return incidents.byId(incidentId).map(incident -> EvidenceBuilder.build(facts(incident)));
    }

    /** The facts, evidence and rule-based report of an incident, or empty when there is no such incident. */
    public Optional<Analysis> analysis(long incidentId) {
        return incidents.byId(incidentId).map(incident -> {
            IncidentFacts facts = facts(incident);
            List<Evidence> evidence = EvidenceBuilder.build(facts);
            return new Analysis(facts, evidence, RuleRanker.analyse(facts, evidence, clock.instant()));
        });
    }

    IncidentFacts facts(Incident incident) {
        List<Anomaly> members = anomalies.byIds(incident.anomalyIds());
        Instant until = incident.end() != null ? incident.end() : clock.instant();
        List<ChangeQuery.Entry> found = new ArrayList<>(changes.find(new ChangeFilter(incident.start().minus(window), until,
                null, null, MAX_CHANGES, 0)));
        java.util.Collections.reverse(found); // the store lists newest first; evidence reads oldest first
        Map<Long, List<IncidentFacts.ProcessSnapshot>> taken = new HashMap<>();
        for (Anomaly a : members) {
            snapshots.forAnomaly(a.id()).ifPresent(s -> {
                try {
                    taken.put(a.id(), SnapshotOnOpen.parse(s.json()).stream().map(RcaService::snapshot).toList());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    LOG.warnf("the process snapshot of anomaly %d is unreadable and left out: %s", a.id(), e.getOriginalMessage());
                }
            });
        }
        return new IncidentFacts(incident, members, found.stream().map(e -> new IncidentFacts.StoredChange(e.id(), e.change()))
                .toList(), taken, window);
    }

    private static IncidentFacts.ProcessSnapshot snapshot(ProcessUsage p) {
        double io = p.ioReadBytesPerSecond() < 0 || p.ioWriteBytesPerSecond() < 0 ? -1
                : p.ioReadBytesPerSecond() + p.ioWriteBytesPerSecond();
        return new IncidentFacts.ProcessSnapshot(p.pid(), p.name(), p.commandLine(), p.cpuPercent(), p.rssBytes(), io, p.owner(),
                p.openFiles(), p.openFilesLimit(), p.rssGrowthBytesPerSecond(), p.writtenFile(), p.writtenFileBytes());
    }
}
