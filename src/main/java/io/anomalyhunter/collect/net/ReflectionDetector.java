package io.anomalyhunter.collect.net;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reflection and amplification: responses from service ports (DNS, NTP, SNMP, memcached, SSDP, ISAKMP,
 * CLDAP, chargen) or TCP SYN-ACKs that the host never asked for, from many reflectors. A request the host
 * sent (to the server, or to a multicast group on that port) makes the answers solicited.
 */
final class ReflectionDetector extends Windowed {
    static final Map<Integer, String> SERVICES = Map.of(53, "DNS", 123, "NTP", 161, "SNMP", 11211, "memcached",
            1900, "SSDP", 500, "ISAKMP", 4500, "ISAKMP/NAT-T", 389, "CLDAP", 19, "chargen");
    private static final int MAX_SOLICITED = 100_000;

    private final NetThresholds t;
    /** (client, server, port) the client asked; kept across windows, bounded (oldest dropped). */
    private final Set<List<Object>> solicited = java.util.Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Boolean> e) {
            return size() > MAX_SOLICITED;
        }
    });
    private final Map<List<Object>, Bucket> buckets = new HashMap<>();
    /** The UDP buckets of each victim, which its later IP fragments (no ports) are counted into. */
    private final Map<Addr, List<Bucket>> udpByVictim = new HashMap<>();

    /** Unsolicited responses to one victim from one service port. */
    private static final class Bucket {
        final Set<Addr> reflectors = new HashSet<>();
        long packets;
        long bytes;
        long fragments;
        long first;
        long last;
    }

    ReflectionDetector(NetThresholds t) {
        super(t.window().toNanos() / 1000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.ipVersion == 0) {
            return;
        }
        Addr src = Addr.src(p);
        Addr dst = Addr.dst(p);
        if (p.protocol == PacketInfo.UDP && p.fragment && !p.firstFragment) {
            for (Bucket b : udpByVictim.getOrDefault(dst, List.of())) {
                b.fragments++;
                b.bytes += p.wireLength;
            }
            return;
        }
        if (p.protocol == PacketInfo.UDP) {
            if (SERVICES.containsKey(p.dstPort)) {
                solicited.add(List.of(src, p.dstIsGroup() ? "group" : dst, p.dstPort));
            }
            if (SERVICES.containsKey(p.srcPort) && !p.dstIsGroup() && !asked(dst, src, p.srcPort)) {
                add(dst, "udp/" + p.srcPort, src, p);
            }
        } else if (p.protocol == PacketInfo.TCP && p.has(PacketInfo.SYN)) {
            if (!p.has(PacketInfo.ACK)) {
                solicited.add(List.of(src, dst, p.dstPort));
            } else if (!asked(dst, src, p.srcPort)) {
                add(dst, "tcp/" + p.srcPort, src, p);
            }
        }
    }

    private boolean asked(Addr client, Addr server, int port) {
        return solicited.contains(List.of(client, server, port)) || solicited.contains(List.of(client, "group", port));
    }

    private void add(Addr victim, String service, Addr reflector, PacketInfo p) {
        // SYN-ACKs are grouped per victim whatever the port; UDP responses per victim and service port.
        String key = service.startsWith("tcp/") ? "tcp/syn-ack" : service;
        Bucket b = buckets.computeIfAbsent(List.of(victim, key), k -> {
            Bucket fresh = new Bucket();
            if (!service.startsWith("tcp/")) {
                udpByVictim.computeIfAbsent(victim, v -> new java.util.ArrayList<>()).add(fresh);
            }
            return fresh;
        });
        if (b.packets++ == 0) {
            b.first = p.timeMicros;
        }
        b.last = p.timeMicros;
        b.bytes += p.wireLength;
        if (b.reflectors.size() < 100_000) {
            b.reflectors.add(reflector);
        }
    }

    @Override
    void judge(Findings out) {
        buckets.forEach((k, b) -> {
            if (b.packets < t.reflectionMinPackets() || b.reflectors.size() < t.reflectionMinSources()) {
                return;
            }
            String service = (String) k.get(1);
            boolean synAck = service.equals("tcp/syn-ack");
            int port = synAck ? 0 : Integer.parseInt(service.substring(4));
            String what = synAck ? "unsolicited SYN-ACKs (TCP reflection)" : "unsolicited " + SERVICES.get(port)
                    + " responses from port " + port;
            List<String> sources = b.reflectors.stream().limit(5).map(Addr::toString).toList();
            double confidence = Math.min(0.99, 0.6 + 0.05 * b.reflectors.size() / (double) t.reflectionMinSources());
            out.add(new Finding(Finding.Kind.REFLECTION, confidence, List.of(service + " reflectors"), b.reflectors.size(),
                    k.get(0).toString(), synAck ? List.of() : List.of(port), b.packets, Findings.instant(b.first),
                    Findings.instant(b.last), b.packets + " " + what + ", " + b.bytes + " bytes"
                    + (b.fragments > 0 ? " with " + b.fragments + " IP fragments" : "") + ", from " + b.reflectors.size()
                    + " reflectors, e.g. " + sources));
        });
    }

    @Override
    void reset() {
        buckets.clear();
        udpByVictim.clear();
    }
}
