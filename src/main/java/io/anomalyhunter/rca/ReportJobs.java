package io.anomalyhunter.rca;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.json.ApiJson;
import io.anomalyhunter.queue.MessageProcessor;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.queue.QueuedMessage;
import io.anomalyhunter.store.SqliteReportStore;
import io.anomalyhunter.llm.Completion;
import io.anomalyhunter.llm.LlmFailure;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The RCA topic's consumer: each job (an incident opened or resolved) is analysed and its report stored as the
 * incident's latest, after which the job is acknowledged; a crash before that leaves the job to be handed out again.
 * A job for an incident the store does not have, or that is not a job at all, is dead-lettered with the reason.
 * With a model, the agents write the report; a model that crashes or times out gets the job again (the worker restarts)
 * until it has failed {@code attempts} times, and then the rule-based report is stored, saying so.
 */
public final class ReportJobs implements MessageProcessor {
    private static final Logger LOG = Logger.getLogger("Rca");
    /**
     * How long a job waits after its incident changed: the process snapshots of its anomalies are taken on another
     * thread just after they open, and a report without them could not name a process.
     */
    static final Duration SETTLE = Duration.ofSeconds(3);
    private final RcaService rca;
    private final SqliteReportStore reports;
    private final Optional<Completion> llm;
    private final int attempts;
    private final int maxTokens;
    private final InstantSource clock;

    /** Rule-based reports only. */
    public ReportJobs(RcaService rca, SqliteReportStore reports, InstantSource clock) {
        this(rca, reports, Optional.empty(), 1, 1, clock);
    }

    /**
     * @param llm       the model, or empty for rule-based reports
     * @param attempts  deliveries of a job the model may fail before the rules answer
     * @param maxTokens the longest answer of one agent
     */
    public ReportJobs(RcaService rca, SqliteReportStore reports, Optional<Completion> llm, int attempts, int maxTokens,
                      InstantSource clock) {
        this.rca = rca;
        this.reports = reports;
        this.llm = llm;
        this.attempts = attempts;
        this.maxTokens = maxTokens;
        this.clock = clock;
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
        Duration age = Duration.between(message.created(), clock.instant());
        if (age.compareTo(SETTLE) < 0) {
            return new Outcome.Defer(SETTLE.minus(age));
        }
        Optional<RcaService.Analysis> analysis = rca.analysis(id);
        if (analysis.isEmpty()) {
            return new Outcome.Reject("incident " + id + " is not in the database");
        }
        Report r = analysis.get().rules();
        if (llm.isPresent()) {
            try {
                r = LlmAnalyst.analyse(analysis.get(), llm.get(), maxTokens, clock.instant());
            } catch (LlmFailure e) {
                if (message.attempts() < attempts) {
                    return new Outcome.Retry("the model's analysis failed: " + e.getMessage());
                }
                r = r.withNote("The model (" + llm.get().model() + ") failed " + message.attempts() + " times, last: "
                        + e.getMessage() + "; this is the rule-based analysis.");
                LOG.warnf("incident %d: the model failed %d times; storing the rule-based report", id, message.attempts());
            }
        }
        reports.save(id, r.created(), r.source(), ApiJson.mapper().writeValueAsString(r));
        LOG.infof("incident %d %s: report by %s: %s", id, change.kind().name().toLowerCase(java.util.Locale.ROOT), r.source(),
                r.causes().isEmpty() ? "no cause stands out" : "top cause " + r.causes().get(0).kind() + " "
                        + r.causes().get(0).subject());
        return Outcome.done();
    }
}
