package io.anomalyhunter.detect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Container trouble that is an anomaly in its own right, whatever the baselines say: a restart loop (it died
 * with a non-zero exit {@link #LOOP_DEATHS} times within {@link #LOOP_WINDOW}) and an OOM kill. Each is a verdict
 * on {@code container_trouble{container, kind}}; it settles once the container has been quiet for
 * {@link #QUIET}. Thread-safe (changes come from the event thread, ticks from the collection thread).
 */
public final class ContainerTroubleWatch implements ChangeSink {
    public static final String METRIC = "container_trouble";
    public static final String DETECTOR = "containers";
    public static final MetricDescriptor DESCRIPTOR = new MetricDescriptor(METRIC, MetricUnit.COUNT,
            "Container trouble (label kind: restart_loop, oom_kill): deaths or OOM kills in the last 5 minutes");
    static final int LOOP_DEATHS = 3;
    static final Duration LOOP_WINDOW = Duration.ofMinutes(5);
    static final Duration QUIET = Duration.ofMinutes(2);

    private final VerdictSink sink;
    private final Map<SeriesKey, Deque<Instant>> recent = new HashMap<>();
    private final Map<SeriesKey, Instant> open = new HashMap<>();

    public ContainerTroubleWatch(VerdictSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void change(Change c) {
        if (c.kind() == ChangeKind.OOM && c.source().matches("docker|podman")) {
            trouble(c, "oom_kill", 1, n -> "killed by the OOM killer (" + n + " in " + LOOP_WINDOW.toMinutes() + " min)");
        } else if (c.kind() == ChangeKind.CONTAINER && "die".equals(c.details().get("action"))
                && !"0".equals(c.details().get("exit_code"))) {
            trouble(c, "restart_loop", LOOP_DEATHS, n -> "is in a restart loop: died " + n + " times in "
                    + LOOP_WINDOW.toMinutes() + " min, last " + c.summary());
        }
    }

    private void trouble(Change c, String kind, int needed, java.util.function.IntFunction<String> reason) {
        SeriesKey key = SeriesKey.of(METRIC, "container", c.subject(), "kind", kind);
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(c.time());
        while (!times.isEmpty() && times.peekFirst().isBefore(c.time().minus(LOOP_WINDOW))) {
            times.removeFirst();
        }
        if (times.size() >= needed) {
            open.put(key, c.time());
            double confidence = Math.min(1.0, 0.5 + 0.1 * times.size());
            sink.verdict(key, DETECTOR, c.time(), times.size(), new Verdict(true, confidence, confidence, 0,
                    Math.max(0, needed - 1), c.subject() + " " + reason.apply(times.size())));
        }
    }

    @Override
    public synchronized void tick(Instant now) {
        for (Iterator<Map.Entry<SeriesKey, Instant>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SeriesKey, Instant> e = it.next();
            if (!e.getValue().plus(QUIET).isAfter(now)) {
                it.remove();
                recent.remove(e.getKey());
                sink.verdict(e.getKey(), DETECTOR, now, 0, Verdict.settled(0, 1, 0, 0,
                        "quiet for " + QUIET.toMinutes() + " min"));
            }
        }
        recent.values().removeIf(times -> times.isEmpty() || times.peekLast().isBefore(now.minus(LOOP_WINDOW)));
    }
}
