package io.anomalyhunter.traffic;

import static io.anomalyhunter.traffic.NetMetrics.ARP;
import static io.anomalyhunter.traffic.NetMetrics.BYTES;
import static io.anomalyhunter.traffic.NetMetrics.DESTINATIONS;
import static io.anomalyhunter.traffic.NetMetrics.DNS;
import static io.anomalyhunter.traffic.NetMetrics.DNS_RESPONSE_BYTES;
import static io.anomalyhunter.traffic.NetMetrics.DROPS;
import static io.anomalyhunter.traffic.NetMetrics.EVICTIONS;
import static io.anomalyhunter.traffic.NetMetrics.FLOWS;
import static io.anomalyhunter.traffic.NetMetrics.FRAGMENTS;
import static io.anomalyhunter.traffic.NetMetrics.ICMP;
import static io.anomalyhunter.traffic.NetMetrics.NEW_FLOWS;
import static io.anomalyhunter.traffic.NetMetrics.PACKETS;
import static io.anomalyhunter.traffic.NetMetrics.RST_SHARE;
import static io.anomalyhunter.traffic.NetMetrics.SOURCES;
import static io.anomalyhunter.traffic.NetMetrics.SYN_ANSWERED;
import static io.anomalyhunter.traffic.NetMetrics.TCP_FLAGS;
import static io.anomalyhunter.traffic.NetMetrics.TOP_TALKER;

import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns one traffic window (and the capture's losses in it) into samples for the baseline detectors. */
public final class TrafficSamples {
    private TrafficSamples() {
    }

    public static List<Sample> of(String iface, TrafficWindow w, long kernelDrops, long interfaceDrops) {
        List<Sample> out = new ArrayList<>(32);
        Instant t = w.end();
        double s = w.seconds();
        rate(out, iface, t, PACKETS, w.packetsIn(), s, "direction", "in");
        rate(out, iface, t, PACKETS, w.packetsOut(), s, "direction", "out");
        rate(out, iface, t, BYTES, w.bytesIn(), s, "direction", "in");
        rate(out, iface, t, BYTES, w.bytesOut(), s, "direction", "out");
        rate(out, iface, t, NEW_FLOWS, w.newFlows(), s);
        out.add(new Sample(SeriesKey.of(FLOWS, "interface", iface), t, w.activeFlows()));
        rate(out, iface, t, EVICTIONS, w.flowEvictions(), s);
        out.add(new Sample(SeriesKey.of(SOURCES, "interface", iface), t, w.distinctSources()));
        out.add(new Sample(SeriesKey.of(DESTINATIONS, "interface", iface), t, w.distinctDestinations()));
        rate(out, iface, t, TCP_FLAGS, w.syn(), s, "flag", "syn");
        rate(out, iface, t, TCP_FLAGS, w.synAck(), s, "flag", "synack");
        rate(out, iface, t, TCP_FLAGS, w.rst(), s, "flag", "rst");
        rate(out, iface, t, TCP_FLAGS, w.fin(), s, "flag", "fin");
        if (w.syn() > 0) { // no attempts: no ratio (0% would read as "all unanswered")
            out.add(new Sample(SeriesKey.of(SYN_ANSWERED, "interface", iface), t, Math.min(100, 100.0 * w.synAck() / w.syn())));
        }
        if (w.tcpPackets() > 0) {
            out.add(new Sample(SeriesKey.of(RST_SHARE, "interface", iface), t, 100.0 * w.rst() / w.tcpPackets()));
        }
        rate(out, iface, t, ICMP, w.icmp(), s);
        rate(out, iface, t, FRAGMENTS, w.fragments(), s);
        rate(out, iface, t, DNS, w.dnsQueries(), s, "kind", "query");
        rate(out, iface, t, DNS, w.dnsResponses(), s, "kind", "response");
        rate(out, iface, t, DNS, w.dnsNxdomain(), s, "kind", "nxdomain");
        rate(out, iface, t, DNS_RESPONSE_BYTES, w.dnsResponseBytes(), s);
        rate(out, iface, t, ARP, w.arpRequests(), s, "op", "request");
        rate(out, iface, t, ARP, w.arpReplies(), s, "op", "reply");
        if (!w.topTalkers().isEmpty() && w.bytes() > 0) {
            out.add(new Sample(SeriesKey.of(TOP_TALKER, "interface", iface), t,
                    Math.min(100, 100.0 * w.topTalkers().get(0).bytes() / w.bytes())));
        }
        rate(out, iface, t, DROPS, kernelDrops, s, "where", "kernel");
        rate(out, iface, t, DROPS, interfaceDrops, s, "where", "interface");
        return out;
    }

    private static void rate(List<Sample> out, String iface, Instant t, String metric, long count, double seconds,
                             String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "interface";
        all[1] = iface;
        System.arraycopy(labels, 0, all, 2, labels.length);
        out.add(new Sample(SeriesKey.of(metric, all), t, count / seconds));
    }
}
