package io.anomalyhunter.detect.net;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects findings; a finding of the same kind, sources and target seen again in a later window is merged.
 * A window may be judged several times before it ends (so an attack shows up within seconds, not at the
 * end of a minute): a later judgement of the same window replaces the earlier one instead of adding to it.
 */
public final class Findings {
    private final Map<String, Entry> byKey = new LinkedHashMap<>();
    private Object judge;
    private long window;
    private long changes;

    /** What one key has: the merge of its ended windows and the latest judgement of the current one. */
    private static final class Entry {
        Finding ended;
        Object judge;
        long window;
        Finding current;
        /** The merge of the two, kept until either changes (a live capture asks every second). */
        Finding merged;

        Finding merged() {
            if (merged == null) {
                merged = ended == null ? current : current == null ? ended : merge(ended, current);
            }
            return merged;
        }
    }

    /** Findings added until the next call belong to this window of that detector. */
    void judging(Object detector, long windowStart) {
        judge = detector;
        window = windowStart;
    }

    /** Findings added until the next {@link #judging} call stand alone (judged packet by packet). */
    void single() {
        judge = null;
    }

    public void add(Finding f) {
        changes++;
        Entry e = byKey.computeIfAbsent(f.kind() + "|" + f.sources() + "|" + f.target(), k -> new Entry());
        if (judge != null && e.judge == judge && e.window == window) {
            e.current = f; // the same window judged again
            e.merged = null;
            return;
        }
        e.ended = e.merged();
        e.current = f;
        e.merged = null;
        e.judge = judge;
        e.window = window;
    }

    public List<Finding> all() {
        List<Finding> out = new ArrayList<>(byKey.size());
        byKey.values().forEach(e -> out.add(e.merged()));
        return out;
    }

    /** Grows with every finding added; lets a caller skip work when nothing changed. */
    public long changes() {
        return changes;
    }

    /** Forgets findings whose last packet is older than {@code before} (a live capture runs for months). */
    public void forgetBefore(Instant before) {
        byKey.values().removeIf(e -> e.merged().lastSeen().isBefore(before));
    }

    private static Finding merge(Finding a, Finding b) {
        TreeSet<Integer> ports = new TreeSet<>(a.ports());
        ports.addAll(b.ports());
        Instant first = a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen();
        Instant last = a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen();
        return new Finding(a.kind(), Math.max(a.confidence(), b.confidence()), a.sources(),
                Math.max(a.sourceCount(), b.sourceCount()), a.target(), new ArrayList<>(ports),
                a.packets() + b.packets(), first, last, b.evidence());
    }
}
