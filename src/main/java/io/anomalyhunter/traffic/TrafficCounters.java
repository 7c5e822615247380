package io.anomalyhunter.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Counts one window of traffic field by field; plain longs, no allocation per packet. */
final class TrafficCounters {
    private static final int TOP_TALKERS = 5;
    /** Senders tracked per window for top talkers; beyond this (a spoofed flood) the rest are not ranked. */
    private static final int MAX_SENDERS = 65_536;

    private final LocalAddresses local;
    private final DistinctCounter sources = new DistinctCounter();
    private final DistinctCounter destinations = new DistinctCounter();
    private final KeyIndex senders = new KeyIndex(2, MAX_SENDERS);
    private long[] sentBytes = new long[64];
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

    void count(PacketInfo p) {
        if (p.ipVersion != 0 && local.contains(p.srcHi, p.srcLo)) {
            packetsOut++;
            bytesOut += p.wireLength;
        } else {
            packetsIn++;
            bytesIn += p.wireLength;
        }
        if (p.newFlow) {
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
            dnsResponseBytes += p.udpLength;
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

    /** Starts collecting the window's senders; the flow table's sweep then hands each flow to {@link #flowBytes}. */
    void startTalkers() {
        senders.clear();
    }

    void flowBytes(long aHi, long aLo, long fromA, long bHi, long bLo, long fromB) {
        sent(aHi, aLo, fromA);
        sent(bHi, bLo, fromB);
    }

    /** Ends the window: the figures so far, with the top talkers handed in since {@link #startTalkers}; then starts over. */
    TrafficWindow close(Instant end, double seconds, int activeFlows, long evictionsInWindow) {
        List<TrafficWindow.Talker> top = topTalkers();
        TrafficWindow w = new TrafficWindow(end, seconds, packetsIn, packetsOut, bytesIn, bytesOut, newFlows,
                activeFlows, evictionsInWindow, sources.estimate(), destinations.estimate(), tcp, syn, synAck, rst,
                fin, icmp, fragments, dnsQueries, dnsResponses, nxdomain, dnsResponseBytes, arpRequests, arpReplies, top);
        reset();
        return w;
    }

    private void sent(long hi, long lo, long bytes) {
        if (bytes > 0) {
            int id = senders.add(hi, lo, 0, 0);
            if (id >= 0) {
                if (senders.added()) {
                    sentBytes = KeyIndex.fit(sentBytes, id);
                    sentBytes[id] = 0;
                }
                sentBytes[id] += bytes;
            }
        }
    }

    /** The biggest senders, by selection (a flood has tens of thousands of senders; no sort of all of them). */
    private List<TrafficWindow.Talker> topTalkers() {
        int[] best = new int[TOP_TALKERS];
        int n = 0;
        for (int id = 0; id < senders.size(); id++) {
            if (n < TOP_TALKERS) {
                best[n++] = id;
            } else if (sentBytes[id] > sentBytes[best[n - 1]]) {
                best[n - 1] = id;
            } else {
                continue;
            }
            for (int j = n - 1; j > 0 && sentBytes[best[j]] > sentBytes[best[j - 1]]; j--) {
                int swap = best[j];
                best[j] = best[j - 1];
                best[j - 1] = swap;
            }
        }
        List<TrafficWindow.Talker> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(new TrafficWindow.Talker(PacketInfo.address(senders.key(best[i], 0), senders.key(best[i], 1)),
                    sentBytes[best[i]]));
        }
        return top;
    }

    private void reset() {
        packetsIn = packetsOut = bytesIn = bytesOut = newFlows = 0;
        tcp = syn = synAck = rst = fin = icmp = fragments = 0;
        dnsQueries = dnsResponses = nxdomain = dnsResponseBytes = arpRequests = arpReplies = 0;
        sources.clear();
        destinations.clear();
    }
}
