package io.anomalyhunter.detect.net;

import io.anomalyhunter.traffic.ConnectionJudge;
import io.anomalyhunter.traffic.ConnectionRecord;
import io.anomalyhunter.traffic.ConnectionTracker;
import io.anomalyhunter.traffic.PacketInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The traffic classifier as an attack detector: packets build connections, finished connections are judged
 * once a second (in batches, off the per-packet path), and connections judged an attack with a probability of at
 * least {@code minConfidence} are reported per attack class and target, with their sources, ports and one
 * connection's top features as evidence. The cost is bounded: at most {@link #MAX_NEW_PER_SECOND} new connections
 * a second are followed, and at most {@link #MAX_JUDGED_PER_TICK} judged at once (an even sample past that); the
 * rest are counted as unjudged. A flood is the rule detectors' to report: they see every packet.
 */
final class ClassifiedConnections implements PacketDetector {
    /** A busy server's new connections, not a flood's: following one costs about 3 µs (docs/benchmarks.md). */
    static final int MAX_NEW_PER_SECOND = 5_000;
    static final int MAX_JUDGED_PER_TICK = 20_000;
    /** Open connections tracked at most (a spoofed flood ends the stalest early rather than grow the heap). */
    static final int MAX_OPEN = 65_536;
    private static final int SHOWN_SOURCES = 5;
    private static final int MAX_SOURCES = 100_000;
    private static final int MAX_PORTS = 1024;
    /** Groups kept per window at most (each holds sets of sources, targets and ports). */
    static final int MAX_GROUPS = 4096;
    private static final int TOP_FEATURES = 3;
    /**
     * Connections of one class against one target, in a window, before they are an attack: a single refused
     * connection on a busy loopback came out Probe at 0.95 (its host-based counts looked like a scan's), and
     * the classes a capture can tell apart (scans, floods) are many connections by nature.
     */
    static final int MIN_CONNECTIONS = 3;
    /**
     * A flood is many connections: a client retrying a closed port three times is no DoS. (Three refused retries to
     * one port on a test daemon's loopback came out Probe at 0.97, hence also the distinct-ports rule for probes.)
     */
    static final int MIN_DOS_CONNECTIONS = 20;

    private final ConnectionJudge judge;
    private final double minConfidence;
    private final long windowMicros;
    private final ConnectionTracker tracker;
    private final List<ConnectionRecord> finished = new ArrayList<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long windowStart = Long.MIN_VALUE;
    private long latest;
    private long judged;
    private long unjudged;

    /** What a group spread over many hosts names as its target (stable, so its finding keeps one series). */
    static final String MANY_TARGETS = "several hosts";

    /**
     * The connections of one attack class against one target in the current window, or (target {@link #MANY_TARGETS})
     * from one source to several targets: a flood or scan fanned out over addresses has no single target.
     */
    private static final class Group {
        final String label;
        final String target;
        final Set<String> sources = new LinkedHashSet<>();
        final Set<String> targets = new java.util.HashSet<>();
        final Set<Integer> ports = new TreeSet<>();
        long connections;
        long first = Long.MAX_VALUE;
        long last;
        /** The most probable connection, and the explanation of the one last explained. */
        ConnectionJudge.Judgement best;
        ConnectionJudge.Judgement explained;
        String example;

        Group(String label, String target) {
            this.label = label;
            this.target = target;
        }
    }

    ClassifiedConnections(ConnectionJudge judge, double minConfidence, long windowMicros) {
        this.judge = judge;
        this.minConfidence = minConfidence;
        this.windowMicros = windowMicros;
        this.tracker = new ConnectionTracker(MAX_OPEN, MAX_NEW_PER_SECOND, finished::add);
    }

    @Override
    public void observe(PacketInfo p, Findings out) {
        latest = Math.max(latest, p.timeMicros);
        tracker.observe(p);
    }

    @Override
    public void tick(long nowMicros, Findings out) {
        latest = Math.max(latest, nowMicros);
        tracker.tick(nowMicros);
        judgeFinished(out);
        if (windowStart != Long.MIN_VALUE && nowMicros >= windowStart + windowMicros) {
            groups.clear(); // the window is reported; its findings stay merged in Findings
            windowStart = Long.MIN_VALUE;
        }
    }

    @Override
    public void finish(Findings out) {
        tracker.finish(latest);
        judgeFinished(out);
    }

    /** Connections given to the model so far, and those left unjudged because a second had too many. */
    long judged() {
        return judged;
    }

    long unjudged() {
        return unjudged + tracker.untracked();
    }

    private void judgeFinished(Findings out) {
        if (finished.isEmpty()) {
            return;
        }
        List<ConnectionRecord> batch = sample(finished);
        unjudged += finished.size() - batch.size();
        judged += batch.size();
        finished.clear();
        boolean changed = false;
        for (ConnectionJudge.Judgement j : judge.judge(batch)) {
            if (j.attack() && j.probability() >= minConfidence) {
                add(j);
                changed = true;
            }
        }
        if (changed) {
            out.judging(this, windowStart);
            for (Group g : groups.values()) {
                if (!qualifies(g)) {
                    continue;
                }
                if (g.explained != g.best) {
                    // the group's most probable connection explained, once per change: TreeSHAP costs milliseconds
                    g.explained = g.best;
                    g.example = example(g.best);
                }
                out.add(finding(g));
            }
        }
    }

    /**
     * Enough to be an attack: {@link #MIN_CONNECTIONS} connections ({@link #MIN_DOS_CONNECTIONS} for DoS); a probe
     * tries at least as many ports (or hosts); a source's group spans as many targets (one source's attack on one
     * target is that target's group).
     */
    static boolean qualifies(Group g) {
        boolean spread = g.target.equals(MANY_TARGETS);
        boolean dos = kind(g.label) == Finding.Kind.CLASSIFIED_DOS;
        boolean probe = kind(g.label) == Finding.Kind.CLASSIFIED_PROBE;
        return g.connections >= (dos ? MIN_DOS_CONNECTIONS : MIN_CONNECTIONS)
                && (!spread || g.targets.size() >= MIN_CONNECTIONS)
                && (!probe || spread || g.ports.size() >= MIN_CONNECTIONS);
    }

    /** Every connection, or an even sample of {@link #MAX_JUDGED_PER_TICK} when a second brought more. */
    private static List<ConnectionRecord> sample(List<ConnectionRecord> all) {
        if (all.size() <= MAX_JUDGED_PER_TICK) {
            return List.copyOf(all);
        }
        List<ConnectionRecord> out = new ArrayList<>(MAX_JUDGED_PER_TICK);
        double step = all.size() / (double) MAX_JUDGED_PER_TICK;
        for (int i = 0; i < MAX_JUDGED_PER_TICK; i++) {
            out.add(all.get((int) (i * step)));
        }
        return out;
    }

    private void add(ConnectionJudge.Judgement j) {
        ConnectionRecord c = j.connection();
        if (windowStart == Long.MIN_VALUE) {
            windowStart = c.endMicros();
        }
        group(j.label() + "|" + c.responder(), j.label(), c.responder()).ifPresent(g -> add(g, j));
        group(j.label() + "|from|" + c.originator(), j.label(), MANY_TARGETS).ifPresent(g -> add(g, j));
    }

    /** The group of a key, new if there is room: a spoofed flood must not make a group per forged source. */
    private java.util.Optional<Group> group(String key, String label, String target) {
        Group g = groups.get(key);
        if (g == null && groups.size() < MAX_GROUPS) {
            g = new Group(label, target);
            groups.put(key, g);
        }
        return java.util.Optional.ofNullable(g);
    }

    private void add(Group g, ConnectionJudge.Judgement j) {
        ConnectionRecord c = j.connection();
        if (g.targets.size() < MAX_SOURCES) {
            g.targets.add(c.responder());
        }
        if (g.sources.size() < MAX_SOURCES) {
            g.sources.add(c.originator());
        }
        if (g.ports.size() < MAX_PORTS) {
            g.ports.add(c.responderPort());
        }
        g.connections++;
        g.first = Math.min(g.first, c.startMicros());
        g.last = Math.max(g.last, c.endMicros());
        if (g.best == null || j.probability() > g.best.probability()) {
            g.best = j;
        }
    }

    private String example(ConnectionJudge.Judgement j) {
        ConnectionRecord c = j.connection();
        String why = judge.explain(j, TOP_FEATURES);
        return String.format(Locale.ROOT, "e.g. %s %s:%d -> %s:%d %s %s, %d/%d bytes, p=%.2f%s", c.protocolName(),
                c.originator(), c.originatorPort(), c.responder(), c.responderPort(), c.service(), c.flag(), c.srcBytes(),
                c.dstBytes(), j.probability(), why.isEmpty() ? "" : "; top features: " + why);
    }

    private Finding finding(Group g) {
        List<String> shown = g.sources.stream().limit(SHOWN_SOURCES).toList();
        String evidence = String.format(Locale.ROOT, "traffic classifier: %d connection%s judged %s%s (probability up to "
                + "%.2f, threshold %.2f); %s", g.connections, g.connections == 1 ? "" : "s", g.label,
                g.target.equals(MANY_TARGETS) ? " against " + g.targets.size() + " hosts" : "", g.best.probability(),
                minConfidence, g.example);
        return new Finding(kind(g.label), g.best.probability(), shown, g.sources.size(), g.target, new ArrayList<>(g.ports),
                g.connections, PacketInfo.instant(g.first), PacketInfo.instant(g.last), evidence);
    }

    /** The finding kind of a classifier label; an attack class the detectors do not know is reported as such. */
    static Finding.Kind kind(String label) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "dos" -> Finding.Kind.CLASSIFIED_DOS;
            case "probe" -> Finding.Kind.CLASSIFIED_PROBE;
            case "r2l" -> Finding.Kind.CLASSIFIED_R2L;
            case "u2r" -> Finding.Kind.CLASSIFIED_U2R;
            default -> Finding.Kind.CLASSIFIED_OTHER;
        };
    }
}
