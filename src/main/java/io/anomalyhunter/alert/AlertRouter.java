package io.anomalyhunter.alert;

import io.anomalyhunter.alert.sink.Alert;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.queue.MessageProcessor;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.queue.QueueProducer;
import io.anomalyhunter.store.AnomalyQuery;
import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueuedMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes incident changes and enqueues one alert per destination the rules pick, on that destination's
 * own topic. The dedup key (incident, state) makes this idempotent: an incident fires once and resolves
 * once per destination however often its changes are delivered or updated.
 */
public final class AlertRouter implements MessageProcessor {
    public static final String TOPIC_PREFIX = "alert:";

    private final AlertRules rules;
    private final AnomalyQuery anomalies;
    private final QueueProducer queue;
    private final String host;
    private final java.util.function.LongFunction<java.util.Optional<String>> likelyCause;

    public AlertRouter(AlertRules rules, AnomalyQuery anomalies, QueueProducer queue, String host) {
        this(rules, anomalies, queue, host, id -> java.util.Optional.empty());
    }

    /**
     * @param likelyCause the incident's likeliest cause in a few words ("process burner"), from the root-cause
     *        analysis, for the first line of a firing alert; empty when none stands out
     */
    public AlertRouter(AlertRules rules, AnomalyQuery anomalies, QueueProducer queue, String host,
                       java.util.function.LongFunction<java.util.Optional<String>> likelyCause) {
        this.rules = rules;
        this.anomalies = anomalies;
        this.queue = queue;
        this.host = host;
        this.likelyCause = likelyCause;
    }

    public static String topic(String destination) {
        return TOPIC_PREFIX + destination;
    }

    @Override
    public Outcome process(QueuedMessage message) {
        IncidentChange change;
        try {
            change = IncidentMessage.decode(message.payload());
        } catch (IllegalArgumentException e) {
            return new Outcome.Reject(e.getMessage());
        }
        List<Anomaly> members = anomalies.byIds(change.incident().anomalyIds());
        Alert.State state = change.kind() == IncidentChange.Kind.RESOLVED ? Alert.State.RESOLVED : Alert.State.FIRING;
        List<QueueItem> items = new ArrayList<>();
        List<AlertRules.Route> routes = rules.route(members);
        String title = change.incident().title();
        if (state == Alert.State.FIRING && !routes.isEmpty()) {
            title += likelyCause.apply(change.incident().id()).map(c -> "; likely cause: " + c).orElse("");
        }
        for (AlertRules.Route r : routes) {
            String id = "incident-" + change.incident().id() + ":" + state.name().toLowerCase() + ":" + r.destination();
            List<String> lines = members.stream().map(a -> a.series().text() + " " + a.detector() + " peak "
                    + a.peakValue() + " (score " + a.score() + "): " + a.reason()).toList();
            Alert alert = new Alert(id, state, r.severity(), r.rules(), r.destination(), host, change.incident().id(),
                    title, change.incident().start(), change.incident().end(),
                    change.incident().maxScore(), change.incident().series(), lines);
            items.add(new QueueItem(topic(r.destination()), alert.toJson().toString(),
                    "incident-" + change.incident().id() + ":" + state.name().toLowerCase()));
        }
        queue.enqueue(items);
        return Outcome.done();
    }
}
