package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.Addr;
import io.anomalyhunter.traffic.PacketInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Low-rate SYN and SYN-ACK floods made of crafted packets: SYNs to one host from a well-known source port
 * (below 1024), or SYN-ACKs to a well-known port of it. Real clients connect from ephemeral ports, so the
 * host never gets such packets in normal use; many of them in a window are forged, however few their
 * sources and however far under the flood rate.
 */
final class CraftedSynDetector extends Windowed {
    private static final int MAX_TARGETS = 4096;
    private final Attacks t;
    private final Map<Addr, Bucket> byDst = new HashMap<>();

    /** Crafted SYNs to one host in a window. */
    private static final class Bucket {
        final Set<Addr> sources = new HashSet<>();
        final Set<Integer> ports = new HashSet<>();
        long syns;
        long first;
        long last;
    }

    CraftedSynDetector(Attacks t) {
        super(t.window().toNanos() / 1000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.protocol != PacketInfo.TCP || !p.has(PacketInfo.SYN)
                || (p.has(PacketInfo.ACK) ? p.dstPort >= 1024 : p.srcPort >= 1024)) {
            return;
        }
        Bucket b = byDst.get(Addr.dst(p));
        if (b == null) {
            if (byDst.size() >= MAX_TARGETS) {
                return; // crafted packets at thousands of hosts: the ones tracked so far make the finding
            }
            b = new Bucket();
            byDst.put(Addr.dst(p), b);
        }
        if (b.syns++ == 0) {
            b.first = p.timeMicros;
        }
        b.last = p.timeMicros;
        b.ports.add(p.dstPort);
        if (b.sources.size() < 10_000) { // enough to say "many"; bounded memory under a flood
            b.sources.add(Addr.src(p));
        }
    }

    @Override
    void judge(Findings out) {
        byDst.forEach((dst, b) -> {
            if (b.syns >= t.reflectionMinPackets()) {
                List<String> some = b.sources.stream().limit(5).map(Addr::toString).toList();
                out.add(new Finding(Finding.Kind.SYN_FLOOD, 0.7, List.of("crafted sources"), b.sources.size(),
                        dst.toString(), b.ports.stream().sorted().toList(), b.syns, PacketInfo.instant(b.first),
                        PacketInfo.instant(b.last), b.syns + " SYN or SYN-ACK packets with well-known ports on the client side (crafted) from "
                        + b.sources.size() + " sources, e.g. " + some));
            }
        });
    }

    @Override
    void reset() {
        byDst.clear();
    }
}
