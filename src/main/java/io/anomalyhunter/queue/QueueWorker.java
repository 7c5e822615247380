package io.anomalyhunter.queue;

import io.anomalyhunter.log.RepeatedLog;
import io.anomalyhunter.log.SecretText;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Consumes one topic on its own thread: lease a batch, hand each message to the processor, then ack, retry
 * with backoff, dead-letter or defer as the processor says. A slow processor slows only its own topic.
 */
public final class QueueWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(QueueWorker.class.getName());
    static final Duration POLL = Duration.ofSeconds(1);

    private final QueueConsumer queue;
    private final QueueSignal signal;
    private final String topic;
    private final MessageProcessor processor;
    private final Backoff backoff;
    private final Duration lease;
    private final int batch;
    private final QueueCounters counters;
    private final Thread thread;
    private volatile boolean running = true;
    private final InstantSource clock;
    private final RepeatedLog storeProblems;

    public QueueWorker(QueueConsumer queue, QueueSignal signal, String topic, MessageProcessor processor, Backoff backoff,
                       Duration lease, int batch, QueueCounters counters, InstantSource clock) {
        this.queue = queue;
        this.signal = signal;
        this.topic = topic;
        this.processor = processor;
        this.backoff = backoff;
        this.lease = lease;
        this.batch = batch;
        this.counters = counters;
        this.clock = clock;
        this.storeProblems = new RepeatedLog(LOG, Duration.ofMinutes(10), clock);
        this.thread = new Thread(this::loop, "queue-" + topic);
        this.thread.setDaemon(true);
    }

    public QueueWorker start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                long seen = signal.generation();
                int handled = runOnce();
                storeProblems.cleared("store", "queue " + topic + ": the database answers again");
                if (handled == 0) {
                    signal.await(seen, untilNextDue());
                }
            } catch (InterruptedException e) {
                return;
            } catch (QueueException e) {
                storeProblems.problem("store", java.util.logging.Level.WARNING, "queue " + topic + ": " + e.getMessage()
                        + "; trying again every " + POLL.toSeconds() + " s");
                sleep();
            }
        }
    }

    /** How long to wait when nothing is ready: until a retry or lease comes due, at most {@link #POLL}. */
    private Duration untilNextDue() {
        return queue.nextDue(topic).map(due -> Duration.ofMillis(Math.max(1, due.toEpochMilli() - clock.millis())))
                .filter(d -> d.compareTo(POLL) < 0).orElse(POLL);
    }

    /** Leases and handles one batch; returns how many messages it handled. */
    int runOnce() {
        List<QueuedMessage> leased = queue.lease(topic, batch, lease);
        List<QueuedMessage> done = new ArrayList<>();
        for (QueuedMessage m : leased) {
            if (!running) {
                break; // the rest come back when their lease ends
            }
            Outcome outcome;
            try {
                outcome = processor.process(m);
            } catch (Exception e) {
                outcome = new Outcome.Retry(e.toString());
            }
            apply(m, outcome, done);
        }
        if (!done.isEmpty()) {
            queue.ack(done);
            counters.add(topic, QueueCounters.Kind.DELIVERED, done.size());
        }
        return leased.size();
    }

    private void apply(QueuedMessage m, Outcome received, List<QueuedMessage> done) {
        Outcome outcome = redacted(received);
        if (outcome instanceof Outcome.Done) {
            done.add(m);
        } else if (outcome instanceof Outcome.Retry r) {
            if (backoff.exhausted(m.attempts())) {
                deadLetter(m, "gave up after " + m.attempts() + " attempts: " + r.reason());
            } else {
                Duration wait = backoff.delay(m.attempts(), ThreadLocalRandom.current()::nextDouble);
                queue.retry(m, wait, r.reason());
                counters.add(topic, QueueCounters.Kind.RETRIED, 1);
                LOG.warning(topic + " message " + m.id() + " failed (attempt " + m.attempts() + " of "
                        + backoff.maxAttempts() + "), retrying in " + wait.toMillis() + " ms: " + r.reason());
            }
        } else if (outcome instanceof Outcome.Reject r) {
            deadLetter(m, r.reason());
        } else if (outcome instanceof Outcome.Defer d) {
            queue.defer(m, d.delay());
            counters.add(topic, QueueCounters.Kind.DEFERRED, 1);
        }
    }

    /** Reasons go to the log and the API (last_error): no URL in them may show a credential. */
    private static Outcome redacted(Outcome o) {
        if (o instanceof Outcome.Retry r) {
            return new Outcome.Retry(SecretText.urls(r.reason()));
        }
        if (o instanceof Outcome.Reject r) {
            return new Outcome.Reject(SecretText.urls(r.reason()));
        }
        return o;
    }

    private void deadLetter(QueuedMessage m, String reason) {
        queue.deadLetter(m, reason);
        counters.add(topic, QueueCounters.Kind.DEAD, 1);
        LOG.severe(topic + " message " + m.id() + " dead-lettered: " + reason
                + " (anomaly-hunter queue list --dead; queue retry " + m.id() + ")");
    }

    private void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
