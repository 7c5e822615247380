package io.anomalyhunter.alert;

import io.anomalyhunter.alert.sink.Alert;
import io.anomalyhunter.alert.sink.AlertSink;
import io.anomalyhunter.queue.MessageProcessor;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.queue.QueuedMessage;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Logger;

/** Delivers one destination's alerts through its sink, within the destination's rate limit. */
public final class AlertDelivery implements MessageProcessor {
    private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());

    private final String destination;
    private final AlertSink sink;
    private final RateLimiter limiter;
    private final InstantSource clock;

    public AlertDelivery(String destination, AlertSink sink, RateLimiter limiter, InstantSource clock) {
        this.destination = destination;
        this.sink = sink;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public Outcome process(QueuedMessage message) throws Exception {
        Alert alert;
        try {
            alert = Alert.fromJson(message.payload());
        } catch (IllegalArgumentException e) {
            return new Outcome.Reject(e.getMessage());
        }
        Optional<java.time.Duration> wait = limiter.acquire(clock.millis());
        if (wait.isPresent()) {
            return new Outcome.Defer(wait.get());
        }
        Outcome outcome = sink.deliver(alert);
        if (outcome instanceof Outcome.Done) {
            LOG.info("alert " + alert.id() + " delivered to " + destination + ": " + alert.summary());
        }
        return outcome;
    }
}
