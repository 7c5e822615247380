package io.anomalyhunter.collect.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SYN floods: more connection attempts a second than the threshold, mostly unanswered. Spoofed when
 * nearly every SYN has its own source; aimed at one host (and port) or sprayed over many.
 */
final class SynFloodDetector extends Windowed {
    private static final int MAX_TRACKED = 200_000;

    private final NetThresholds t;
    private final Map<Addr, long[]> byDst = new HashMap<>(); // SYNs, a port seen
    private final Map<Addr, Long> bySrc = new HashMap<>();
    private final java.util.Set<Integer> ports = new java.util.HashSet<>();
    private long syns;
    private long synAcks;
    private long first;
    private long last;

    SynFloodDetector(NetThresholds t) {
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
        if (byDst.size() < MAX_TRACKED) {
            long[] c = byDst.computeIfAbsent(Addr.dst(p), k -> new long[2]);
            c[0]++;
            c[1] = p.dstPort;
        }
        if (bySrc.size() < MAX_TRACKED) {
            bySrc.merge(Addr.src(p), 1L, Long::sum);
        }
        ports.add(p.dstPort);
    }

    @Override
    void judge(Findings out) {
        boolean spoofed = bySrc.size() * 2 > syns;
        if (syns < t.floodMinSynsPerSecond() || synAcks > syns / 2 || (!spoofed && ports.size() * 2 > syns)) {
            return; // answered, or a few sources over many ports: a scan (PortScanDetector), not a flood
        }
        Map.Entry<Addr, long[]> top = byDst.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue()[0])).orElseThrow();
        boolean focused = top.getValue()[0] * 2 >= syns;
        List<String> sources = new ArrayList<>();
        if (spoofed) {
            sources.add("spoofed");
        } else {
            bySrc.entrySet().stream().sorted(Map.Entry.<Addr, Long>comparingByValue().reversed()).limit(5)
                    .forEach(e -> sources.add(e.getKey().toString()));
        }
        String target = focused ? top.getKey().toString() : "many hosts";
        List<Integer> ports = focused ? List.of((int) top.getValue()[1]) : List.of();
        String evidence = syns + " SYNs in 1 s (threshold " + t.floodMinSynsPerSecond() + ") from " + bySrc.size()
                + " sources" + (spoofed ? " (spoofed: nearly one SYN per source)" : "") + " to " + byDst.size()
                + " hosts; " + synAcks + " SYN-ACKs back";
        double confidence = Math.min(0.99, 0.6 + 0.1 * syns / (double) t.floodMinSynsPerSecond());
        out.add(new Finding(Finding.Kind.SYN_FLOOD, confidence, sources, spoofed ? bySrc.size() : sources.size(), target,
                ports, syns, Findings.instant(first), Findings.instant(last), evidence));
    }

    @Override
    void reset() {
        byDst.clear();
        bySrc.clear();
        ports.clear();
        syns = synAcks = 0;
    }
}
