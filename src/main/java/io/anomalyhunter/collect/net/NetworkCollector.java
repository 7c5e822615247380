package io.anomalyhunter.collect.net;

import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.SampleSink;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.PacketObserver;
import io.anomalyhunter.traffic.TrafficSamples;
import io.anomalyhunter.traffic.TrafficWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Live capture on the configured interfaces (default: the one with the default route). Each capture
 * thread pushes its traffic metrics to the pipeline every window and hands every packet to its interface's
 * {@link PacketObserver} (the attack detectors, which report to the pipeline themselves); {@link #collect}
 * has nothing to do. Without the right to capture it says so once and stays off. An
 * interface that is missing or goes away is tried again every {@code retry} until it is back.
 */
public final class NetworkCollector implements Collector, NetworkView, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkCollector.class.getName());
    public static final String NAME = "network";
    public static final Duration RETRY = Duration.ofSeconds(30);

    private final List<LiveCapture> captures = new CopyOnWriteArrayList<>();
    /** What the API sees of each capture; replaced whole by the capture thread. */
    private final Map<String, InterfaceStatus> status = new ConcurrentHashMap<>();
    private final Map<String, Reporter> reporters = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Function<String, CaptureSettings> settings;
    private final Function<String, PacketObserver> observers;
    private final SampleSink samples;
    private final Duration retry;
    private ScheduledExecutorService reopener;
    private volatile CollectorState state;

    private NetworkCollector(Function<String, CaptureSettings> settings, Function<String, PacketObserver> observers,
                             SampleSink samples, Duration retry) {
        this.settings = settings;
        this.observers = observers;
        this.samples = samples;
        this.retry = retry;
    }

    /**
     * Opens and starts a capture per interface; {@code interfaces} empty means the default route's.
     * {@code observers} makes each interface's packet observer, once: it outlives a capture that is reopened.
     */
    public static NetworkCollector start(List<String> interfaces, Function<String, CaptureSettings> settings,
                                         Function<String, PacketObserver> observers, SampleSink samples) {
        return start(interfaces, settings, observers, samples, RETRY);
    }

    static NetworkCollector start(List<String> interfaces, Function<String, CaptureSettings> settings,
                                  Function<String, PacketObserver> observers, SampleSink samples, Duration retry) {
        NetworkCollector c = new NetworkCollector(settings, observers, samples, retry);
        List<String> names = interfaces;
        if (names.isEmpty()) {
            names = DefaultRoute.interfaceName().map(List::of).orElse(List.of());
            if (names.isEmpty()) {
                return c.off("no default route to pick an interface from; set collectors.network.interfaces");
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            c.reporters.put(name, c.new Reporter(name));
            try {
                c.captures.add(c.open(name));
                c.status.put(name, plain(name, "running", "capturing"));
            } catch (CaptureUnavailableException e) {
                problems.add(e.getMessage() + (e.mayRecover() ? "; trying again every " + c.retryText() : ""));
                c.status.put(name, plain(name, e.mayRecover() ? "waiting" : "disabled", e.getMessage()));
                if (e.mayRecover()) {
                    c.retryLater(name);
                }
            }
        }
        if (c.captures.isEmpty() && c.waiting.isEmpty()) {
            return c.off(String.join("; ", problems));
        }
        problems.forEach(p -> LOG.warning("network collector: " + p));
        c.captures.forEach(LiveCapture::start);
        c.updateState();
        return c;
    }

    /** The collector as configured off: shown in /health with the reason, nothing logged as a problem. */
    public static NetworkCollector switchedOff(String why) {
        NetworkCollector c = new NetworkCollector(null, null, null, RETRY);
        c.state = new CollectorState(NAME, CollectorState.Status.DISABLED, why);
        return c;
    }

    /** A capture's status before it has counted anything. */
    private static InterfaceStatus plain(String name, String state, String detail) {
        return new InterfaceStatus(name, state, detail, 0, 0, 0, null, null);
    }

    private LiveCapture open(String name) throws CaptureUnavailableException {
        Reporter r = reporters.get(name);
        return LiveCapture.open(settings.apply(name), r.observer, r);
    }

    private NetworkCollector off(String why) {
        LOG.warning("network collector disabled: " + why + "; the daemon runs on without packet capture");
        state = new CollectorState(NAME, CollectorState.Status.DISABLED, why);
        return this;
    }

    private String retryText() {
        return retry.toMillis() % 1000 == 0 ? retry.toSeconds() + " s" : retry.toMillis() + " ms";
    }

    private void updateState() {
        List<String> running = captures.stream().map(LiveCapture::interfaceName).sorted().toList();
        String detail = (running.isEmpty() ? "no interface captured" : "capturing on " + String.join(", ", running))
                + (waiting.isEmpty() ? "" : "; waiting for " + String.join(", ", waiting.stream().sorted().toList()));
        state = new CollectorState(NAME, running.isEmpty() ? CollectorState.Status.FAILED : CollectorState.Status.RUNNING,
                detail);
    }

    private synchronized void retryLater(String name) {
        waiting.add(name);
        if (reopener == null) {
            reopener = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "capture-reopen");
                t.setDaemon(true);
                return t;
            });
            reopener.scheduleWithFixedDelay(this::reopen, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Tries the waiting interfaces again; the first failure of each was logged, these are not. */
    private void reopen() {
        for (String name : waiting) {
            try {
                LiveCapture capture = open(name);
                waiting.remove(name);
                captures.add(capture);
                status.put(name, plain(name, "running", "capturing"));
                capture.start();
                LOG.info("capture on " + name + " resumed");
                updateState();
            } catch (CaptureUnavailableException e) {
                status.put(name, plain(name, "waiting", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.severe("reopening the capture on " + name + " failed: " + e);
            }
        }
    }

    @Override
    public CollectorState state() {
        return state;
    }

    @Override
    public void collect(Instant now, SampleSink sink) {
        // the capture threads push their own samples
    }

    @Override
    public List<InterfaceStatus> interfaces() {
        return status.values().stream().sorted(Comparator.comparing(InterfaceStatus::name)).toList();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (reopener != null) {
                reopener.shutdownNow();
            }
        }
        captures.forEach(LiveCapture::close);
    }

    /** One interface's callbacks, on its capture thread; it outlives a capture that failed and was reopened. */
    private final class Reporter implements LiveCapture.Listener {
        private final String name;
        private final PacketObserver observer;
        private long kernelDrops;
        private long interfaceDrops;

        Reporter(String name) {
            this.name = name;
            this.observer = observers.apply(name);
        }

        @Override
        public void tick(LiveCapture capture, long nowMicros) {
            publish(capture, null);
        }

        @Override
        public void window(LiveCapture capture, TrafficWindow w, long kernel, long iface) {
            kernelDrops += kernel;
            interfaceDrops += iface;
            if (kernel + iface > 0) {
                LOG.warning("capture on " + name + " lost " + kernel + " packets in the kernel buffer and " + iface
                        + " at the interface in the last " + Math.round(w.seconds()) + " s");
            }
            samples.accept(TrafficSamples.of(name, w, kernel, iface));
            publish(capture, w);
        }

        @Override
        public void failed(LiveCapture capture, String reason) {
            LOG.severe("capture on " + name + " stopped: " + reason + "; trying again every " + retryText());
            captures.remove(capture);
            status.put(name, new InterfaceStatus(name, "waiting", reason, capture.received(), kernelDrops,
                    interfaceDrops, null, null));
            retryLater(name);
            reopener.execute(capture::close); // not on this thread: close() waits for it to end
            updateState();
        }

        private void publish(LiveCapture capture, TrafficWindow w) {
            InterfaceStatus before = status.get(name);
            status.put(name, new InterfaceStatus(name, "running", "capturing", capture.received(), kernelDrops,
                    interfaceDrops, capture.flowCounts(), w != null ? w : before == null ? null : before.latest()));
        }
    }
}
