package io.anomalyhunter.collect.net;

import io.anomalyhunter.pipeline.Judgement;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns attack findings into judgements for the pipeline, one series per attack
 * ({@code net_attack{interface, kind, source, target}}): anomalous while the attack's packets keep coming,
 * normal once it has been quiet for {@code quiet}, so the anomaly closes. Not thread-safe.
 */
public final class FindingJudgements {
    public static final String DETECTOR = "network";
    /** Normal judgements sent after an attack went quiet; the first settles the anomaly, the rest are for safety. */
    private static final int CLOSING_JUDGEMENTS = 3;

    private final String iface;
    private final Duration quiet;
    private final Map<SeriesKey, Integer> closing = new HashMap<>();
    private final Set<SeriesKey> active = new HashSet<>();

    public FindingJudgements(String iface, Duration quiet) {
        this.iface = iface;
        this.quiet = quiet;
    }

    public List<Judgement> update(Instant now, List<Finding> findings) {
        List<Judgement> out = new ArrayList<>();
        Set<SeriesKey> seen = new HashSet<>();
        for (Finding f : findings) {
            SeriesKey key = series(f);
            if (f.lastSeen().isBefore(now.minus(quiet)) || !seen.add(key)) {
                continue;
            }
            active.add(key);
            closing.remove(key);
            out.add(new Judgement(key, DETECTOR, now, f.packets(), true, f.confidence(), f.confidence(), f.line()));
        }
        for (SeriesKey key : active) {
            if (!seen.contains(key)) {
                closing.putIfAbsent(key, CLOSING_JUDGEMENTS);
            }
        }
        closing.entrySet().removeIf(e -> {
            out.add(new Judgement(e.getKey(), DETECTOR, now, 0, false, 0, 1, "attack traffic stopped"));
            active.remove(e.getKey());
            e.setValue(e.getValue() - 1);
            return e.getValue() == 0;
        });
        return out;
    }

    /** The series of an attack: the first source stands for all (a flood's thousands would make thousands of series). */
    SeriesKey series(Finding f) {
        String first = f.sources().isEmpty() ? "unknown" : f.sources().get(0);
        String source = f.sourceCount() > 1 && !first.equals("spoofed") ? first + " and others" : first;
        return SeriesKey.of(NetMetrics.ATTACK, "interface", iface, "kind", f.kind().name().toLowerCase(Locale.ROOT),
                "source", source, "target", f.target());
    }
}
