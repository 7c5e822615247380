package io.anomalyhunter.collect.net;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts one window of traffic field by field; plain longs, no allocation per packet. */
final class TrafficCounters {
    private static final int TOP_TALKERS = 5;

    private final LocalAddresses local;
    private final DistinctCounter sources = new DistinctCounter();
    private final DistinctCounter destinations = new DistinctCounter();
    private long packetsIn;
    private long packetsOut;
    private long bytesIn;
    private long bytesOut;
    private long newFlows;
    private long tcp;
    private long syn;
    private long synAck;
    private long rst;
    private long fin;
    private long icmp;
    private long fragments;
    private long dnsQueries;
    private long dnsResponses;
    private long nxdomain;
    private long dnsResponseBytes;
    private long arpRequests;
    private long arpReplies;

    TrafficCounters(LocalAddresses local) {
        this.local = local;
    }

    void count(PacketInfo p, boolean newFlow) {
        if (p.ipVersion != 0 && local.contains(p.srcHi, p.srcLo)) {
            packetsOut++;
            bytesOut += p.wireLength;
        } else {
            packetsIn++;
            bytesIn += p.wireLength;
        }
        if (newFlow) {
            newFlows++;
        }
        if (p.ipVersion == 0) {
            if (p.arpOp == 1) {
                arpRequests++;
            } else if (p.arpOp == 2) {
                arpReplies++;
            }
            return;
        }
        sources.add(p.srcHi, p.srcLo);
        destinations.add(p.dstHi, p.dstLo);
        if (p.fragment) {
            fragments++;
        }
        switch (p.protocol) {
            case PacketInfo.TCP -> countTcp(p.tcpFlags);
            case PacketInfo.ICMP, PacketInfo.ICMPV6 -> icmp++;
            default -> { }
        }
        if (p.dns == 1) {
            dnsQueries++;
        } else if (p.dns == 2) {
            dnsResponses++;
            dnsResponseBytes += p.payloadLength;
            if (p.dnsRcode == 3) {
                nxdomain++;
            }
        }
    }

    private void countTcp(int flags) {
        tcp++;
        if ((flags & PacketInfo.SYN) != 0) {
            if ((flags & PacketInfo.ACK) != 0) {
                synAck++;
            } else {
                syn++;
            }
        }
        if ((flags & PacketInfo.RST) != 0) {
            rst++;
        }
        if ((flags & PacketInfo.FIN) != 0) {
            fin++;
        }
    }

    /** Ends the window: the figures so far, with top talkers from the flow table; then starts over. */
    TrafficWindow close(Instant end, double seconds, FlowTable flows, long evictionsInWindow) {
        Map<Addr, long[]> sent = new HashMap<>();
        flows.drainWindow((aHi, aLo, fromA, bHi, bLo, fromB) -> {
            if (fromA > 0) {
                sent.computeIfAbsent(new Addr(aHi, aLo), k -> new long[1])[0] += fromA;
            }
            if (fromB > 0) {
                sent.computeIfAbsent(new Addr(bHi, bLo), k -> new long[1])[0] += fromB;
            }
        });
        List<TrafficWindow.Talker> top = new ArrayList<>();
        sent.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(TOP_TALKERS)
                .forEach(e -> top.add(new TrafficWindow.Talker(e.getKey().toString(), e.getValue()[0])));
        TrafficWindow w = new TrafficWindow(end, seconds, packetsIn, packetsOut, bytesIn, bytesOut, newFlows,
                flows.size(), evictionsInWindow, sources.estimate(), destinations.estimate(), tcp, syn, synAck, rst,
                fin, icmp, fragments, dnsQueries, dnsResponses, nxdomain, dnsResponseBytes, arpRequests, arpReplies, top);
        reset();
        return w;
    }

    private void reset() {
        packetsIn = packetsOut = bytesIn = bytesOut = newFlows = 0;
        tcp = syn = synAck = rst = fin = icmp = fragments = 0;
        dnsQueries = dnsResponses = nxdomain = dnsResponseBytes = arpRequests = arpReplies = 0;
        sources.clear();
        destinations.clear();
    }
}
