package io.anomalyhunter.collect.net;

import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.JudgementSink;
import io.anomalyhunter.pipeline.SampleSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Live capture on the configured interfaces (default: the one with the default route). Each capture
 * thread pushes its traffic metrics (every window) and attack judgements (every second) to the pipeline;
 * {@link #collect} has nothing to do. Without the right to capture it says so once and stays off.
 */
public final class NetworkCollector implements Collector, NetworkView, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NetworkCollector.class.getName());
    public static final String NAME = "network";
    /** An attack whose packets stopped this long ago is over (its anomaly closes). */
    private static final Duration QUIET = Duration.ofSeconds(10);
    /** Findings older than this leave the in-memory list (they stay in the database as anomalies). */
    private static final Duration KEEP_FINDINGS = Duration.ofHours(1);
    private static final int SHOWN_FINDINGS = 50;

    private final List<LiveCapture> captures = new ArrayList<>();
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private final SampleSink samples;
    private final JudgementSink judgements;
    private volatile CollectorState state;

    /** What the API sees of one capture; replaced whole by the capture thread. */
    private record Status(String state, String detail, long packets, long kernelDrops, long interfaceDrops,
                          FlowTable.Counts flows, TrafficWindow latest, List<Finding> findings) {
    }

    private NetworkCollector(SampleSink samples, JudgementSink judgements) {
        this.samples = samples;
        this.judgements = judgements;
    }

    /** Opens and starts a capture per interface; {@code interfaces} empty means the default route's. */
    public static NetworkCollector start(List<String> interfaces, java.util.function.Function<String, CaptureSettings> settings,
                                         SampleSink samples, JudgementSink judgements) {
        NetworkCollector c = new NetworkCollector(samples, judgements);
        List<String> names = interfaces;
        if (names.isEmpty()) {
            names = DefaultRoute.interfaceName().map(List::of).orElse(List.of());
            if (names.isEmpty()) {
                return c.off("no default route to pick an interface from; set collectors.network.interfaces");
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            try {
                LiveCapture capture = LiveCapture.open(settings.apply(name), c.new Reporter(name, QUIET));
                c.captures.add(capture);
                c.status.put(name, new Status("running", "capturing", 0, 0, 0, null, null, List.of()));
            } catch (CaptureUnavailableException e) {
                problems.add(e.getMessage());
                c.status.put(name, new Status("disabled", e.getMessage(), 0, 0, 0, null, null, List.of()));
            }
        }
        if (c.captures.isEmpty()) {
            return c.off(String.join("; ", problems));
        }
        problems.forEach(p -> LOG.warning("network collector: " + p + "; capturing the other interfaces"));
        c.captures.forEach(LiveCapture::start);
        c.state = new CollectorState(NAME, CollectorState.Status.RUNNING, "capturing on "
                + String.join(", ", c.captures.stream().map(LiveCapture::interfaceName).toList()));
        return c;
    }

    /** The collector as configured off: shown in /health with the reason, nothing logged as a problem. */
    public static NetworkCollector switchedOff(String why) {
        NetworkCollector c = new NetworkCollector(null, null);
        c.state = new CollectorState(NAME, CollectorState.Status.DISABLED, why);
        return c;
    }

    private NetworkCollector off(String why) {
        LOG.warning("network collector disabled: " + why + "; the daemon runs on without packet capture");
        state = new CollectorState(NAME, CollectorState.Status.DISABLED, why);
        return this;
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
        List<InterfaceStatus> out = new ArrayList<>();
        status.forEach((name, s) -> out.add(new InterfaceStatus(name, s.state(), s.detail(), s.packets(), s.kernelDrops(),
                s.interfaceDrops(), s.flows(), s.latest(), s.findings())));
        out.sort(Comparator.comparing(InterfaceStatus::name));
        return out;
    }

    @Override
    public void close() {
        captures.forEach(LiveCapture::close);
    }

    /** One capture's callbacks, on its thread. */
    private final class Reporter implements LiveCapture.Listener {
        private final String name;
        private final FindingJudgements toJudgements;
        private long seenChanges = -1;
        private List<Finding> shown = List.of();
        private long kernelDrops;
        private long interfaceDrops;

        Reporter(String name, Duration quiet) {
            this.name = name;
            this.toJudgements = new FindingJudgements(name, quiet);
        }

        @Override
        public void tick(LiveCapture capture, long nowMicros, Findings findings) {
            Instant now = Findings.instant(nowMicros);
            findings.forgetBefore(now.minus(KEEP_FINDINGS));
            List<Finding> all = findings.all();
            List<io.anomalyhunter.pipeline.Judgement> js = toJudgements.update(now, all);
            if (!js.isEmpty()) {
                judgements.acceptJudgements(js);
            }
            if (findings.changes() != seenChanges) {
                seenChanges = findings.changes();
                shown = all.stream().sorted(Comparator.comparing(Finding::lastSeen).reversed()).limit(SHOWN_FINDINGS).toList();
                publish(capture, null);
            }
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
            LOG.severe("capture on " + name + " stopped: " + reason);
            state = new CollectorState(NAME, CollectorState.Status.FAILED, "capture on " + name + " stopped: " + reason);
            status.put(name, new Status("failed", reason, capture.received(), kernelDrops, interfaceDrops, null, null, shown));
        }

        private void publish(LiveCapture capture, TrafficWindow w) {
            Status before = status.get(name);
            status.put(name, new Status("running", "capturing", capture.received(), kernelDrops, interfaceDrops,
                    capture.flowCounts(), w != null ? w : before == null ? null : before.latest(), shown));
        }
    }
}
