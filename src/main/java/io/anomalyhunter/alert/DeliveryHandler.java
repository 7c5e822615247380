package io.anomalyhunter.alert;

import io.anomalyhunter.queue.MessageHandler;
import io.anomalyhunter.queue.Outcome;
import io.anomalyhunter.store.QueuedMessage;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Logger;

/** Delivers one destination's alerts through its sink, within the destination's rate limit. */
public final class DeliveryHandler implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(DeliveryHandler.class.getName());

    private final String destination;
    private final AlertSink sink;
    private final RateLimiter limiter;
    private final InstantSource clock;

    public DeliveryHandler(String destination, AlertSink sink, RateLimiter limiter, InstantSource clock) {
        this.destination = destination;
        this.sink = sink;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public Outcome handle(QueuedMessage message) throws Exception {
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
