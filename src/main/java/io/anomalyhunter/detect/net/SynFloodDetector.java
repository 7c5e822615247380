package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.DistinctCounter;
import io.anomalyhunter.traffic.KeyIndex;
import io.anomalyhunter.traffic.PacketInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * SYN floods: more connection attempts a second than the threshold, mostly unanswered. Spoofed when
 * nearly every SYN has its own source; aimed at one host (and port) or sprayed over many. Per-address
 * counts live in arrays indexed by {@link KeyIndex} ids: a spoofed flood allocates nothing per packet.
 */
final class SynFloodDetector extends Windowed {
    private static final int MAX_TRACKED = 65_536;

    private final Attacks t;
    private final KeyIndex destinations = new KeyIndex(2, MAX_TRACKED);
    private long[] synsTo = new long[64];
    private int[] portTo = new int[64];
    /** Distinct sources are estimated; only repeat senders are counted exactly (the candidates for "top sources"). */
    private final DistinctCounter distinctSources = new DistinctCounter();
    private final RepeatFilter repeat = new RepeatFilter();
    private final KeyIndex sources = new KeyIndex(2, MAX_TRACKED);
    private long[] synsFrom = new long[64];
    private final boolean[] portSeen = new boolean[65536];
    private int ports;
    private long syns;
    private long synAcks;
    private long first;
    private long last;

    SynFloodDetector(Attacks t) {
        super(1_000_000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.protocol != PacketInfo.TCP || !p.has(PacketInfo.SYN)) {
            return;
        }
        if (p.has(PacketInfo.ACK)) {
            synAcks++;
            return;
        }
        if (syns++ == 0) {
            first = p.timeMicros;
        }
        last = p.timeMicros;
        int d = destinations.add(p.dstHi, p.dstLo, 0, 0);
        if (d >= 0) {
            if (destinations.added()) {
                synsTo = KeyIndex.fit(synsTo, d);
                portTo = KeyIndex.fit(portTo, d);
                synsTo[d] = 0;
            }
            synsTo[d]++;
            portTo[d] = p.dstPort;
        }
        distinctSources.add(p.srcHi, p.srcLo);
        if (repeat.seenBefore(p.srcHi, p.srcLo)) {
            int s = sources.add(p.srcHi, p.srcLo, 0, 0);
            if (s >= 0) {
                if (sources.added()) {
                    synsFrom = KeyIndex.fit(synsFrom, s);
                    synsFrom[s] = 1; // its first SYN passed the filter untallied
                }
                synsFrom[s]++;
            }
        }
        if (!portSeen[p.dstPort]) {
            portSeen[p.dstPort] = true;
            ports++;
        }
    }

    @Override
    void judge(Findings out) {
        long sourceCount = Math.max(sources.size(), distinctSources.estimate());
        boolean spoofed = sourceCount * 2L > syns;
        if (syns < t.floodMinSynsPerSecond() || synAcks > syns / 2 || (!spoofed && ports * 2L > syns)) {
            return; // answered, or a few sources over many ports: a scan (PortScanDetector), not a flood
        }
        int top = 0;
        for (int d = 1; d < destinations.size(); d++) {
            if (synsTo[d] > synsTo[top]) {
                top = d;
            }
        }
        boolean focused = synsTo[top] * 2 >= syns;
        List<String> named = new ArrayList<>();
        if (spoofed) {
            named.add("spoofed");
        } else {
            for (int s : biggest(synsFrom, sources.size(), 5)) {
                named.add(PacketInfo.address(sources.key(s, 0), sources.key(s, 1)));
            }
        }
        String target = focused ? PacketInfo.address(destinations.key(top, 0), destinations.key(top, 1)) : "many hosts";
        List<Integer> targetPorts = focused ? List.of(portTo[top]) : List.of();
        String evidence = syns + " SYNs in 1 s (threshold " + t.floodMinSynsPerSecond() + ") from " + sourceCount
                + " sources" + (spoofed ? " (spoofed: nearly one SYN per source)" : "") + " to " + destinations.size()
                + " hosts; " + synAcks + " SYN-ACKs back";
        double confidence = Math.min(0.99, 0.6 + 0.1 * syns / (double) t.floodMinSynsPerSecond());
        out.add(new Finding(Finding.Kind.SYN_FLOOD, confidence, named, spoofed ? (int) sourceCount : named.size(), target,
                targetPorts, syns, PacketInfo.instant(first), PacketInfo.instant(last), evidence));
    }

    /** The ids of the {@code k} largest counts, largest first. */
    private static List<Integer> biggest(long[] counts, int n, int k) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
            ids.sort((a, b) -> Long.compare(counts[b], counts[a]));
            if (ids.size() > k) {
                ids.remove(k);
            }
        }
        return ids;
    }

    @Override
    void reset() {
        destinations.clear();
        sources.clear();
        distinctSources.clear();
        repeat.clear();
        java.util.Arrays.fill(portSeen, false);
        ports = 0;
        syns = synAcks = 0;
    }
}
