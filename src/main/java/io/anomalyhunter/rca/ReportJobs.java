package io.anomalyhunter.rca;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.json.ApiJson;
import io.anomalyhunter.queue.MessageProcessor;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.queue.QueuedMessage;
import io.anomalyhunter.store.SqliteReportStore;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The RCA topic's consumer: each job (an incident opened or resolved) is analysed and its report stored as the
 * incident's latest, after which the job is acknowledged; a crash before that leaves the job to be handed out again.
 * A job for an incident the store does not have, or that is not a job at all, is dead-lettered with the reason.
 */
public final class ReportJobs implements MessageProcessor {
    private static final Logger LOG = Logger.getLogger("Rca");
    private final RcaService rca;
    private final SqliteReportStore reports;

    public ReportJobs(RcaService rca, SqliteReportStore reports) {
        this.rca = rca;
        this.reports = reports;
    }

    @Override
    public Outcome process(QueuedMessage message) throws JsonProcessingException {
        IncidentChange change;
        try {
            change = IncidentMessage.decode(message.payload());
        } catch (IllegalArgumentException e) {
            return new Outcome.Reject(e.getMessage());
        }
        long id = change.incident().id();
        Optional<Report> report = rca.report(id);
        if (report.isEmpty()) {
            return new Outcome.Reject("incident " + id + " is not in the database");
        }
        Report r = report.get();
        reports.save(id, r.created(), r.source(), ApiJson.mapper().writeValueAsString(r));
        LOG.infof("incident %d %s: report by %s: %s", id, change.kind().name().toLowerCase(java.util.Locale.ROOT), r.source(),
                r.causes().isEmpty() ? "no cause stands out" : "top cause " + r.causes().get(0).kind() + " "
                        + r.causes().get(0).subject());
        return Outcome.done();
    }
}
