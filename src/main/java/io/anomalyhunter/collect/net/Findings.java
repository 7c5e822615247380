package io.anomalyhunter.collect.net;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Collects findings; a finding of the same kind, sources and target seen again in a later window is merged. */
public final class Findings {
    private final Map<String, Finding> byKey = new LinkedHashMap<>();

    public void add(Finding f) {
        String key = f.kind() + "|" + f.sources() + "|" + f.target();
        byKey.merge(key, f, (a, b) -> {
            TreeSet<Integer> ports = new TreeSet<>(a.ports());
            ports.addAll(b.ports());
            Instant first = a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen();
            Instant last = a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen();
            return new Finding(a.kind(), Math.max(a.confidence(), b.confidence()), a.sources(),
                    Math.max(a.sourceCount(), b.sourceCount()), a.target(), new ArrayList<>(ports),
                    a.packets() + b.packets(), first, last, b.evidence());
        });
    }

    public List<Finding> all() {
        return List.copyOf(byKey.values());
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
