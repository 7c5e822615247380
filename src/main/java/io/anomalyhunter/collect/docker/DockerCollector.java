package io.anomalyhunter.collect.docker;

import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.collect.cgroup.ContainerDirectory;
import io.anomalyhunter.collect.cgroup.NetCounters;
import io.anomalyhunter.pipeline.SampleSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * A container runtime's API (Docker, or Podman's compatible socket): names, images and labels for the
 * cgroup collector, and the event stream as changes. Its figures come from cgroups, so it adds no samples.
 * A socket that is missing, refused or lost is said once; the list is asked again every poll and the event
 * stream reconnects with backoff, so collection resumes on its own when the runtime is back.
 */
public final class DockerCollector implements Collector, ContainerDirectory, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DockerCollector.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String runtime;
    private final DockerEngine engine;
    private final ChangeSink changes;
    private final InstantSource clock;
    private final Thread events;
    private volatile boolean closed;
    private volatile Map<String, Container> known = Map.of();
    private volatile CollectorState state;
    private String lastProblem;
    /** The network counters the API last gave, for the containers whose namespace the cgroup collector cannot read. */
    private final Map<String, NetCounters> networks = new ConcurrentHashMap<>();
    /** Containers whose stats are queued or being read: each is asked once at a time. */
    private final Set<String> asked = ConcurrentHashMap.newKeySet();
    /** One stats call at a time (about 0.15 s each), off the collection thread. */
    private final ExecutorService statsReader;
    private volatile boolean statsProblemLogged;
    /** Once it answered, a socket that disappears is the runtime lost (a fault), not a runtime never installed. */
    private volatile boolean answered;

    /**
     * @param runtime "docker" or "podman": which cgroup paths' containers it names
     */
    public DockerCollector(String runtime, DockerEngine engine, ChangeSink changes, InstantSource clock) {
        this.runtime = runtime;
        this.engine = engine;
        this.changes = changes;
        this.clock = clock;
        this.state = new CollectorState(runtime, CollectorState.Status.RUNNING, "connecting to " + engine.socket());
        this.statsReader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, runtime + "-stats");
            t.setDaemon(true);
            return t;
        });
        this.events = new Thread(this::followEvents, runtime + "-events");
        this.events.setDaemon(true);
        this.events.start();
    }

    @Override
    public CollectorState state() {
        return state;
    }

    @Override
    public void collect(Instant now, SampleSink sink) {
        try {
            List<DockerContainer> list = engine.containers();
            Map<String, Container> byId = new HashMap<>();
            for (DockerContainer c : list) {
                byId.put(c.id(), new Container(c.id(), c.name(), c.image(), c.labels()));
            }
            known = byId;
            networks.keySet().retainAll(byId.keySet());
            answered = true;
            state = new CollectorState(runtime, CollectorState.Status.RUNNING, list.size() + " containers via " + engine.socket());
            recovered();
        } catch (DockerUnavailableException e) {
            problem(e.getMessage(), e.absent());
        } catch (RuntimeException e) {
            problem(e.toString(), false);
        }
    }

    @Override
    public Optional<Container> find(String runtime, String id) {
        return this.runtime.equals(runtime) ? Optional.ofNullable(known.get(id)) : Optional.empty();
    }

    /**
     * The last counters the API gave, and a fresh reading queued. With many containers to ask this way each is
     * read about every (their number x 0.15 s); rates are taken between the readings' own times.
     */
    @Override
    public Optional<NetCounters> network(String runtime, String id) {
        if (!this.runtime.equals(runtime) || closed) {
            return Optional.empty();
        }
        if (asked.add(id)) {
            statsReader.execute(() -> readNetwork(id));
        }
        return Optional.ofNullable(networks.get(id));
    }

    private void readNetwork(String id) {
        try {
            Optional<long[]> bytes = engine.networkBytes(id);
            if (bytes.isPresent()) {
                networks.put(id, new NetCounters(bytes.get()[0], bytes.get()[1], clock.instant()));
            } else {
                networks.remove(id);
            }
        } catch (DockerUnavailableException e) {
            networks.remove(id); // the list's poll tells the runtime's loss; a container gone is no news
        } catch (MalformedDockerJsonException e) {
            networks.remove(id);
            if (!statsProblemLogged) {
                statsProblemLogged = true;
                LOG.warning(runtime + ": container " + id.substring(0, Math.min(12, id.length()))
                        + ": skipped its network stats (told once): " + e.getMessage());
            }
        } finally {
            asked.remove(id);
        }
    }

    /** Follows the event stream for as long as we run, from where it left off after every break. */
    private void followEvents() {
        Instant since = clock.instant();
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            Instant[] last = {since};
            try {
                engine.events(since, e -> {
                    last[0] = e.time();
                    DockerChanges.of(e, runtime).ifPresent(changes::change);
                }, bad -> LOG.warning(runtime + ": skipped an event: " + bad));
                backoff = Duration.ofSeconds(1); // the runtime closed the stream (it stopped): reconnect soon
            } catch (DockerUnavailableException e) {
                if (!closed) {
                    problem(e.getMessage(), e.absent());
                }
            } catch (RuntimeException e) {
                LOG.warning(runtime + ": the event stream failed: " + e);
            }
            // Resume just after the last event seen, so none is lost or told twice across a reconnect.
            since = last[0].equals(since) ? since : last[0].plusNanos(1);
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private synchronized void problem(String message, boolean noSocket) {
        boolean absent = noSocket && !answered;
        state = new CollectorState(runtime, absent ? CollectorState.Status.DISABLED : CollectorState.Status.FAILED,
                message + " (asking again every poll)");
        if (lastProblem == null) {
            String line = runtime + ": " + message + "; containers are named by id until it answers";
            if (absent) {
                LOG.info(line); // no such runtime on this host: expected, not a fault
            } else {
                LOG.warning(line);
            }
        }
        lastProblem = message;
    }

    private synchronized void recovered() {
        if (lastProblem != null) {
            LOG.info(runtime + ": " + engine.socket() + " answers again");
            lastProblem = null;
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        events.interrupt();
        statsReader.shutdownNow();
        engine.close();
    }
}
