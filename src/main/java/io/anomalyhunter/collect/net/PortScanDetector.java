package io.anomalyhunter.collect.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Port scans: one source sending connection attempts (SYN) to many ports of one host (vertical) or to
 * one port on many hosts (horizontal), most of them never answered with a SYN-ACK.
 */
final class PortScanDetector extends Windowed {
    private final NetThresholds t;
    private final Map<List<Addr>, Probe> vertical = new HashMap<>();
    private final Map<Object, Probe> horizontal = new HashMap<>();

    /** What one source tried in a window, and what answered. */
    private static final class Probe {
        final Set<Object> tried = new HashSet<>();
        final Set<Object> answered = new HashSet<>();
        long syns;
        long first;
        long last;
    }

    private record SrcPort(Addr src, int port) {
    }

    PortScanDetector(NetThresholds t) {
        super(t.window().toNanos() / 1000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.protocol != PacketInfo.TCP || p.ipVersion == 0) {
            return;
        }
        if (p.has(PacketInfo.SYN) && !p.has(PacketInfo.ACK)) {
            Addr src = Addr.src(p);
            Addr dst = Addr.dst(p);
            note(vertical.computeIfAbsent(List.of(src, dst), k -> new Probe()), p.dstPort, p);
            note(horizontal.computeIfAbsent(new SrcPort(src, p.dstPort), k -> new Probe()), dst, p);
        } else if (p.has(PacketInfo.SYN) && p.has(PacketInfo.ACK)) {
            Probe v = vertical.get(List.of(Addr.dst(p), Addr.src(p)));
            if (v != null) {
                v.answered.add(p.srcPort);
            }
            Probe h = horizontal.get(new SrcPort(Addr.dst(p), p.srcPort));
            if (h != null) {
                h.answered.add(Addr.src(p));
            }
        }
    }

    private static void note(Probe probe, Object what, PacketInfo p) {
        if (probe.syns++ == 0) {
            probe.first = p.timeMicros;
        }
        probe.last = p.timeMicros;
        probe.tried.add(what);
    }

    @Override
    void judge(Findings out) {
        vertical.forEach((pair, probe) -> {
            if (probe.tried.size() >= t.scanMinPorts() && answeredShare(probe) <= t.scanMaxAnswered()) {
                List<Integer> ports = new ArrayList<>();
                new TreeSet<>(probe.tried).forEach(o -> ports.add((Integer) o));
                out.add(finding(probe, List.of(pair.get(0).toString()), pair.get(1).toString(), ports, "vertical scan: "
                        + probe.tried.size() + " ports probed, " + probe.answered.size() + " answered with SYN-ACK",
                        probe.tried.size() / (double) t.scanMinPorts()));
            }
        });
        horizontal.forEach((key, probe) -> {
            if (probe.tried.size() >= t.scanMinHosts() && answeredShare(probe) <= t.scanMaxAnswered()) {
                SrcPort sp = (SrcPort) key;
                out.add(finding(probe, List.of(sp.src().toString()), probe.tried.size() + " hosts", List.of(sp.port()),
                        "horizontal scan: port " + sp.port() + " on " + probe.tried.size() + " hosts, "
                                + probe.answered.size() + " answered", probe.tried.size() / (double) t.scanMinHosts()));
            }
        });
    }

    private static double answeredShare(Probe p) {
        return p.answered.size() / (double) p.tried.size();
    }

    private static Finding finding(Probe probe, List<String> sources, String target, List<Integer> ports, String evidence,
                                   double overThreshold) {
        double confidence = Math.min(0.99, 0.6 + 0.1 * overThreshold) * (1 - answeredShare(probe) / 2);
        return new Finding(Finding.Kind.PORT_SCAN, confidence, sources, sources.size(), target, ports, probe.syns,
                Findings.instant(probe.first), Findings.instant(probe.last), evidence);
    }

    @Override
    void reset() {
        vertical.clear();
        horizontal.clear();
    }
}
