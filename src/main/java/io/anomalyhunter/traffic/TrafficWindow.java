package io.anomalyhunter.traffic;

import java.time.Instant;
import java.util.List;

/**
 * What crossed one interface in one window: counts (divide by {@code seconds} for rates), distinct
 * addresses (estimated), flow figures and the biggest senders. In and out are relative to the host's own
 * addresses; traffic between two other hosts (a mirror port, a replayed capture) counts as in.
 */
public record TrafficWindow(Instant end, double seconds, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
                           long newFlows, int activeFlows, long flowEvictions, long distinctSources,
                           long distinctDestinations, long tcpPackets, long syn, long synAck, long rst, long fin,
                           long icmp, long fragments, long dnsQueries, long dnsResponses, long dnsNxdomain,
                           long dnsResponseBytes, long arpRequests, long arpReplies, List<Talker> topTalkers) {
    public TrafficWindow {
        topTalkers = List.copyOf(topTalkers);
    }

    /** An address and the bytes it sent in the window. */
    public record Talker(String address, long bytes) {
    }

    public long packets() {
        return packetsIn + packetsOut;
    }

    public long bytes() {
        return bytesIn + bytesOut;
    }
}
