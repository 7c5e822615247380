package io.anomalyhunter.detect.net;

import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.traffic.NetMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns attack findings into verdicts, one series per attack ({@code net_attack{interface, kind, source, target}}):
 * anomalous while the attack's packets keep coming, and a verdict that settles the anomaly once the attack has
 * been quiet for {@code quiet}, so it closes at once (no reliance on the tracker's quiet count). Not thread-safe.
 */
public final class AttackVerdicts {
    public static final String DETECTOR = "network";

    private final String iface;
    private final Duration quiet;
    private final VerdictSink sink;
    private final Set<SeriesKey> active = new HashSet<>();

    public AttackVerdicts(String iface, Duration quiet, VerdictSink sink) {
        this.iface = iface;
        this.quiet = quiet;
        this.sink = sink;
    }

    /** Judges the findings known at {@code now}: each recent one is anomalous; an attack no longer among them settles. */
    public void update(Instant now, List<Finding> findings) {
        Set<SeriesKey> seen = new HashSet<>();
        for (Finding f : findings) {
            SeriesKey key = series(f);
            if (f.lastSeen().isBefore(now.minus(quiet)) || !seen.add(key)) {
                continue;
            }
            active.add(key);
            sink.verdict(key, DETECTOR, now, f.packets(),
                    new Verdict(true, f.confidence(), f.confidence(), Double.NaN, Double.NaN, f.line()));
        }
        for (Iterator<SeriesKey> it = active.iterator(); it.hasNext(); ) {
            SeriesKey key = it.next();
            if (!seen.contains(key)) {
                it.remove();
                sink.verdict(key, DETECTOR, now, 0, Verdict.settled(0, 1, Double.NaN, Double.NaN, "attack traffic stopped"));
            }
        }
    }

    /** The series of an attack: the first source stands for all (a flood's thousands would make thousands of series). */
    SeriesKey series(Finding f) {
        String first = f.sources().isEmpty() ? "unknown" : f.sources().get(0);
        String source = f.sourceCount() > 1 && !first.equals("spoofed") ? first + " and others" : first;
        return SeriesKey.of(NetMetrics.ATTACK, "interface", iface, "kind", f.kind().name().toLowerCase(Locale.ROOT),
                "source", source, "target", f.target());
    }
}
