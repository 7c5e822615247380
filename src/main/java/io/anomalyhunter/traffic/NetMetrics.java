package io.anomalyhunter.traffic;

import io.anomalyhunter.series.MetricDescriptor;
import io.anomalyhunter.series.MetricUnit;
import java.util.List;

/** The metrics the network collector produces, each labelled with its interface. */
public final class NetMetrics {
    public static final String PACKETS = "net_packets_per_second";
    public static final String BYTES = "net_bytes_per_second";
    public static final String NEW_FLOWS = "net_new_flows_per_second";
    public static final String FLOWS = "net_flows_active";
    public static final String EVICTIONS = "net_flow_evictions_per_second";
    public static final String SOURCES = "net_distinct_sources";
    public static final String DESTINATIONS = "net_distinct_destinations";
    public static final String TCP_FLAGS = "net_tcp_flags_per_second";
    public static final String SYN_ANSWERED = "net_syn_answered_percent";
    public static final String RST_SHARE = "net_tcp_rst_percent";
    public static final String ICMP = "net_icmp_per_second";
    public static final String FRAGMENTS = "net_fragments_per_second";
    public static final String DNS = "net_dns_per_second";
    public static final String DNS_RESPONSE_BYTES = "net_dns_response_bytes_per_second";
    public static final String ARP = "net_arp_per_second";
    public static final String TOP_TALKER = "net_top_talker_percent";
    public static final String DROPS = "net_capture_dropped_per_second";
    public static final String ATTACK = "net_attack";

    public static final List<MetricDescriptor> ALL = List.of(
            d(PACKETS, MetricUnit.PER_SECOND, "Packets per second captured, by direction (in, out)"),
            d(BYTES, MetricUnit.BYTES_PER_SECOND, "Bytes per second on the wire, by direction (in, out)"),
            d(NEW_FLOWS, MetricUnit.PER_SECOND, "New flows (5-tuples, both directions one flow) per second"),
            d(FLOWS, MetricUnit.COUNT, "Flows in the flow table"),
            d(EVICTIONS, MetricUnit.PER_SECOND, "Flows evicted per second because the flow table was full"),
            d(SOURCES, MetricUnit.COUNT, "Distinct source addresses in the window (estimated)"),
            d(DESTINATIONS, MetricUnit.COUNT, "Distinct destination addresses in the window (estimated)"),
            d(TCP_FLAGS, MetricUnit.PER_SECOND, "TCP segments per second by flag (syn, synack, rst, fin)"),
            d(SYN_ANSWERED, MetricUnit.PERCENT, "SYN-ACKs per SYN, in percent (low: unanswered attempts)"),
            d(RST_SHARE, MetricUnit.PERCENT, "Share of TCP segments with RST, in percent"),
            d(ICMP, MetricUnit.PER_SECOND, "ICMP and ICMPv6 packets per second"),
            d(FRAGMENTS, MetricUnit.PER_SECOND, "IP fragments per second"),
            d(DNS, MetricUnit.PER_SECOND, "DNS messages per second by kind (query, response, nxdomain)"),
            d(DNS_RESPONSE_BYTES, MetricUnit.BYTES_PER_SECOND, "DNS response payload bytes per second"),
            d(ARP, MetricUnit.PER_SECOND, "ARP messages per second by op (request, reply)"),
            d(TOP_TALKER, MetricUnit.PERCENT, "Share of bytes sent by the biggest sender, in percent"),
            d(DROPS, MetricUnit.PER_SECOND, "Packets the capture lost per second (where: kernel buffer, interface)"),
            d(ATTACK, MetricUnit.COUNT, "Packets of an attributed network attack (labels kind, source, target)"));

    private NetMetrics() {
    }

    private static MetricDescriptor d(String name, MetricUnit unit, String help) {
        return new MetricDescriptor(name, unit, help);
    }
}
