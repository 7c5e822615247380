package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig;
import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.traffic.ConnectionJudge;
import io.anomalyhunter.traffic.PacketInfo;
import io.anomalyhunter.traffic.PacketObserver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The attack detectors of one interface or capture file: every packet goes to each detector; every tick their
 * findings become verdicts on the attacks' series. The same object runs in the daemon (its verdicts go to the
 * pipeline) and in {@code replay}, so both see the same attacks. Not thread-safe: one capture thread.
 */
public final class AttackWatch implements PacketObserver {
    /** An attack whose packets stopped this long ago is over (its anomaly closes). */
    public static final Duration QUIET = Duration.ofSeconds(10);
    /** Findings older than this are forgotten (they stay in the database as anomalies). */
    private static final Duration KEEP_FINDINGS = Duration.ofHours(1);

    private final PacketDetector[] detectors;
    private final Findings findings = new Findings();
    private final AttackVerdicts verdicts;
    private final ClassifiedConnections classified;

    /** The rule detectors alone (no classifier). */
    public AttackWatch(String source, Attacks thresholds, VerdictSink sink) {
        this(source, thresholds, NetworkConfig.Classifier.DEFAULTS, ConnectionJudge.NONE, sink);
    }

    /**
     * @param source the interface (or file) the packets come from: the {@code interface} label of attacks
     * @param judge  this stream's connection judge (the traffic classifier), {@link ConnectionJudge#NONE} for none
     */
    public AttackWatch(String source, Attacks thresholds, NetworkConfig.Classifier classifier, ConnectionJudge judge,
                       VerdictSink sink) {
        List<PacketDetector> all = new ArrayList<>(List.of(new PortScanDetector(thresholds), new SynFloodDetector(thresholds),
                new ReflectionDetector(thresholds), new ArpSpoofDetector(), new BruteForceDetector(thresholds),
                new CraftedSynDetector(thresholds)));
        if (classifier.enabled() && judge != ConnectionJudge.NONE) {
            classified = new ClassifiedConnections(judge, classifier.minConfidence(), thresholds.window().toNanos() / 1000);
            all.add(classified);
        } else {
            classified = null;
        }
        this.detectors = all.toArray(PacketDetector[]::new);
        this.verdicts = new AttackVerdicts(source, QUIET, sink);
    }

    @Override
    public void observe(PacketInfo p) {
        for (PacketDetector d : detectors) {
            d.observe(p, findings);
        }
    }

    @Override
    public void tick(long nowMicros) {
        for (PacketDetector d : detectors) {
            d.tick(nowMicros, findings);
        }
        Instant now = verdictTime(nowMicros);
        findings.forgetBefore(now.minus(KEEP_FINDINGS));
        verdicts.update(now, findings.all());
    }

    /** Closes every detector's window, judges it, then moves time past the quiet period so every attack settles. */
    @Override
    public void finish(long nowMicros) {
        for (PacketDetector d : detectors) {
            d.finish(findings);
        }
        Instant now = verdictTime(nowMicros);
        verdicts.update(now, findings.all());
        verdicts.update(now.plus(QUIET).plusSeconds(1), findings.all());
    }

    /** Anomalies are stored to the millisecond: verdicts are timed so, and a replay reads as the database would. */
    private static Instant verdictTime(long micros) {
        return PacketInfo.instant(micros).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Every attack found so far (the detectors' own attribution: all sources, ports and counts). */
    public List<Finding> findings() {
        return findings.all();
    }

    /** Connections the traffic classifier judged, and those left unjudged in seconds that had too many. */
    public long connectionsJudged() {
        return classified == null ? 0 : classified.judged();
    }

    public long connectionsUnjudged() {
        return classified == null ? 0 : classified.unjudged();
    }
}
