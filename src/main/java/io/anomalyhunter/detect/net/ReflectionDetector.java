package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.KeyIndex;
import io.anomalyhunter.traffic.PacketInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reflection and amplification: responses from service ports (DNS, NTP, SNMP, memcached, SSDP, ISAKMP,
 * CLDAP, chargen) or TCP SYN-ACKs that the host never asked for, from many reflectors. A request the host
 * sent (seen by the flow table as the start of the flow, or sent to a multicast group on that port) makes
 * the answers solicited. Keys are primitive ({@link KeyIndex}): a flood allocates nothing per packet.
 */
final class ReflectionDetector extends Windowed {
    static final Map<Integer, String> SERVICES = Map.of(53, "DNS", 123, "NTP", 161, "SNMP", 11211, "memcached",
            1900, "SSDP", 500, "ISAKMP", 4500, "ISAKMP/NAT-T", 389, "CLDAP", 19, "chargen");
    private static final boolean[] SERVICE_PORT = new boolean[65536];
    private static final int MAX_GROUP_REQUESTS = 4096;
    private static final int MAX_BUCKETS = 4096;
    private static final int MAX_REFLECTORS = 65_536;
    private static final long SYN_ACK = -1;

    static {
        SERVICES.keySet().forEach(port -> SERVICE_PORT[port] = true);
    }

    private final Attacks t;
    /** (client, port) that asked a multicast group (SSDP, mDNS-style discovery): answers come from anyone. */
    private final KeyIndex groupRequests = new KeyIndex(3, MAX_GROUP_REQUESTS);
    /** (victim, service port or SYN_ACK) -> bucket id. */
    private final KeyIndex bucketIds = new KeyIndex(3, MAX_BUCKETS);
    private final List<Bucket> buckets = new ArrayList<>();
    /** (bucket, reflector): who answered. */
    private final KeyIndex reflectors = new KeyIndex(3, MAX_REFLECTORS);
    /** Victim -> its UDP buckets, which its later IP fragments (no ports) are counted into. */
    private final KeyIndex victims = new KeyIndex(2, MAX_BUCKETS);
    private final List<List<Bucket>> udpByVictim = new ArrayList<>();

    /** Unsolicited responses to one victim from one service port (or SYN-ACKs from any port). */
    private static final class Bucket {
        final long victimHi;
        final long victimLo;
        final int port;
        final List<String> sample = new ArrayList<>(5);
        int reflectorCount;
        long packets;
        long bytes;
        long fragments;
        long first;
        long last;

        Bucket(long victimHi, long victimLo, int port) {
            this.victimHi = victimHi;
            this.victimLo = victimLo;
            this.port = port;
        }
    }

    ReflectionDetector(Attacks t) {
        super(t.window().toNanos() / 1000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.ipVersion == 0) {
            return;
        }
        if (p.protocol == PacketInfo.UDP && p.fragment && !p.firstFragment) {
            int v = victims.find(p.dstHi, p.dstLo, 0, 0);
            if (v >= 0) {
                for (Bucket b : udpByVictim.get(v)) {
                    b.fragments++;
                    b.bytes += p.wireLength;
                }
            }
            return;
        }
        // A response is unsolicited when its flow began with it: the flow table saw no request first.
        if (p.protocol == PacketInfo.UDP) {
            if (SERVICE_PORT[p.dstPort] && p.dstIsGroup()) {
                if (groupRequests.add(p.srcHi, p.srcLo, p.dstPort, 0) < 0) {
                    groupRequests.clear();
                }
            }
            if (SERVICE_PORT[p.srcPort] && p.fromFlowStarter && !p.dstIsGroup()
                    && groupRequests.find(p.dstHi, p.dstLo, p.srcPort, 0) < 0) {
                add(p.srcPort, p);
            }
        } else if (p.protocol == PacketInfo.TCP && p.has(PacketInfo.SYN) && p.has(PacketInfo.ACK) && p.fromFlowStarter) {
            add(SYN_ACK, p);
        }
    }

    private void add(long service, PacketInfo p) {
        // SYN-ACKs are grouped per victim whatever the port; UDP responses per victim and service port.
        int id = bucketIds.add(p.dstHi, p.dstLo, service, 0);
        if (id < 0) {
            return; // thousands of victims in one window: the ones tracked already make the finding
        }
        if (bucketIds.added()) {
            Bucket fresh = new Bucket(p.dstHi, p.dstLo, (int) service);
            buckets.add(fresh);
            if (service != SYN_ACK) {
                int v = victims.add(p.dstHi, p.dstLo, 0, 0);
                if (v >= 0) {
                    if (victims.added()) {
                        udpByVictim.add(new ArrayList<>(2));
                    }
                    udpByVictim.get(v).add(fresh);
                }
            }
        }
        Bucket b = buckets.get(id);
        if (b.packets++ == 0) {
            b.first = p.timeMicros;
        }
        b.last = p.timeMicros;
        b.bytes += p.wireLength;
        reflectors.add(id, p.srcHi, p.srcLo, 0);
        if (reflectors.added()) {
            if (b.reflectorCount++ < 5) {
                b.sample.add(PacketInfo.address(p.srcHi, p.srcLo));
            }
        }
    }

    @Override
    void judge(Findings out) {
        for (Bucket b : buckets) {
            if (b.packets < t.reflectionMinPackets() || b.reflectorCount < t.reflectionMinSources()) {
                continue;
            }
            boolean synAck = b.port == SYN_ACK;
            String service = synAck ? "tcp/syn-ack" : "udp/" + b.port;
            String what = synAck ? "unsolicited SYN-ACKs (TCP reflection)" : "unsolicited " + SERVICES.get(b.port)
                    + " responses from port " + b.port;
            double confidence = Math.min(0.99, 0.6 + 0.05 * b.reflectorCount / (double) t.reflectionMinSources());
            out.add(new Finding(Finding.Kind.REFLECTION, confidence, List.of(service + " reflectors"), b.reflectorCount,
                    PacketInfo.address(b.victimHi, b.victimLo), synAck ? List.of() : List.of(b.port), b.packets,
                    PacketInfo.instant(b.first), PacketInfo.instant(b.last), b.packets + " " + what + ", " + b.bytes + " bytes"
                    + (b.fragments > 0 ? " with " + b.fragments + " IP fragments" : "") + ", from " + b.reflectorCount
                    + " reflectors, e.g. " + b.sample));
        }
    }

    @Override
    void reset() {
        bucketIds.clear();
        buckets.clear();
        reflectors.clear();
        victims.clear();
        udpByVictim.clear();
    }
}
