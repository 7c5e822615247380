package io.anomalyhunter.alert;

import io.anomalyhunter.alert.sink.AlertSink;
import io.anomalyhunter.alert.sink.ExecSink;
import io.anomalyhunter.alert.sink.JournalSink;
import io.anomalyhunter.alert.sink.SmtpSink;
import io.anomalyhunter.alert.sink.SyslogSink;
import io.anomalyhunter.alert.sink.WebhookSink;
import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.queue.Backoff;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.queue.QueueWorker;
import io.anomalyhunter.store.AnomalyQuery;
import io.anomalyhunter.queue.MessageQueue;
import io.anomalyhunter.queue.QueueSignal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Alerting: one worker routes incident changes to destinations, one worker per destination delivers,
 * so a slow or broken destination delays only its own alerts and never detection.
 */
public final class AlertService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AlertService.class.getName());
    /** Longer than any sink's timeout: a lease must outlive the work it covers. */
    private static final Duration LEASE = Duration.ofMinutes(6);

    private final AlertsConfig config;
    private final MessageQueue queue;
    private final QueueSignal signal;
    private final AnomalyQuery anomalies;
    private final QueueCounters counters;
    private final InstantSource clock;
    private final String host;
    private final List<QueueWorker> workers = new ArrayList<>();

    private final java.util.function.LongFunction<java.util.Optional<String>> likelyCause;

    public AlertService(AlertsConfig config, MessageQueue queue, QueueSignal signal, AnomalyQuery anomalies,
                        QueueCounters counters, InstantSource clock, String host) {
        this(config, queue, signal, anomalies, counters, clock, host, id -> java.util.Optional.empty());
    }

    /** @param likelyCause an incident's likeliest cause in a few words, for the first line of its firing alert */
    public AlertService(AlertsConfig config, MessageQueue queue, QueueSignal signal, AnomalyQuery anomalies,
                        QueueCounters counters, InstantSource clock, String host,
                        java.util.function.LongFunction<java.util.Optional<String>> likelyCause) {
        this.likelyCause = likelyCause;
        this.config = config;
        this.queue = queue;
        this.signal = signal;
        this.anomalies = anomalies;
        this.counters = counters;
        this.clock = clock;
        this.host = host;
    }

    public void start() {
        Backoff backoff = new Backoff(config.retry().initial(), config.retry().max(), config.retry().maxAttempts());
        AlertRouter router = new AlertRouter(new AlertRules(config.rules()), anomalies, queue, host, likelyCause);
        workers.add(new QueueWorker(queue, signal, IncidentMessage.TOPIC, router, backoff, LEASE, 50, counters, clock).start());
        for (AlertsConfig.Destination d : config.destinations()) {
            AlertDelivery delivery = new AlertDelivery(d.name(), sink(d, clock), new RateLimiter(d.rateLimit()), clock);
            workers.add(new QueueWorker(queue, signal, AlertRouter.topic(d.name()), delivery, backoff, LEASE, 10, counters, clock)
                    .start());
        }
        LOG.info("alerting: " + config.destinations().size() + " destinations, " + config.rules().size() + " rules");
        for (AlertsConfig.Destination d : config.destinations()) {
            AlertsConfig.Tls tls = d instanceof AlertsConfig.Smtp m && m.starttls() ? m.tls()
                    : d instanceof AlertsConfig.Syslog s && s.transport() == AlertsConfig.Syslog.Transport.TLS ? s.tls() : null;
            if (tls != null && !tls.verifyHostname()) {
                LOG.warning("destination " + d.name() + ": TLS accepts a certificate for any host name "
                        + "(tls_verify_hostname: false); anyone with a certificate from a trusted CA could read its alerts");
            }
        }
    }

    static AlertSink sink(AlertsConfig.Destination d, InstantSource clock) {
        if (d instanceof AlertsConfig.Syslog s) {
            return new SyslogSink(s, clock);
        } else if (d instanceof AlertsConfig.Smtp s) {
            return new SmtpSink(s);
        } else if (d instanceof AlertsConfig.Webhook w) {
            return new WebhookSink(w);
        } else if (d instanceof AlertsConfig.Exec e) {
            return new ExecSink(e);
        }
        return new JournalSink();
    }

    @Override
    public void close() {
        workers.forEach(QueueWorker::close);
        workers.clear();
    }
}
