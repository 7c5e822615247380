package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.Finding;
import io.anomalyhunter.collect.net.FlowTable;
import io.anomalyhunter.collect.net.NetThresholds;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.collect.net.TrafficWindow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter replay FILE: a capture through the network analysis, offline, in capture time. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a pcap/pcapng capture through the network attack detectors and print the findings.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file.")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PcapReplay.Result r;
        try {
            r = PcapReplay.run(file, NetThresholds.DEFAULTS);
        } catch (CaptureFileException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
        if (json) {
            System.out.println(toJson(r));
            return RootCommand.OK;
        }
        System.out.println(r.file() + ": " + r.packets() + " packets, " + r.bytes() + " bytes, link type " + r.linkType()
                + (r.malformed() > 0 ? ", " + r.malformed() + " malformed (skipped)" : "")
                + (r.damaged() > 0 ? ", " + r.damaged() + " damaged records (impossible timestamps, skipped)" : "")
                + (r.truncated() ? ", truncated (read up to the damage)" : "") + "; " + r.findings().size() + " findings");
        System.out.println(trafficLine(r));
        r.findings().forEach(f -> System.out.println(f.line()));
        return RootCommand.OK;
    }

    /** Flows and the busiest traffic window, in one line. */
    static String trafficLine(PcapReplay.Result r) {
        FlowTable.Counts f = r.flows();
        TrafficWindow busiest = r.windows().stream().max(java.util.Comparator.comparingDouble(
                w -> w.packets() / w.seconds())).orElse(null);
        return "flows: " + f.created() + " (" + f.closed() + " closed, " + f.endedIdle() + " idle, " + f.evicted()
                + " evicted); " + r.windows().size() + " traffic windows of 10 s" + (busiest == null ? ""
                : String.format(java.util.Locale.ROOT, "; busiest %.0f packets/s, %d SYN, %d SYN-ACK, %d DNS queries, "
                + "%d distinct sources", busiest.packets() / busiest.seconds(), busiest.syn(), busiest.synAck(),
                busiest.dnsQueries(), busiest.distinctSources()));
    }

    static String toJson(PcapReplay.Result r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("file", r.file().toString()).put("link_type", r.linkType())
                .put("packets", r.packets()).put("bytes", r.bytes()).put("malformed", r.malformed())
                .put("truncated", r.truncated())
                .put("damaged", r.damaged());
        FlowTable.Counts fc = r.flows();
        root.putObject("flows").put("created", fc.created()).put("closed", fc.closed()).put("ended_idle", fc.endedIdle())
                .put("ended_active", fc.endedActive()).put("evicted", fc.evicted()).put("active", fc.active());
        ArrayNode windows = root.putArray("windows");
        for (TrafficWindow w : r.windows()) {
            ObjectNode n = windows.addObject().put("end", w.end().toString()).put("seconds", w.seconds())
                    .put("packets", w.packets()).put("bytes", w.bytes()).put("new_flows", w.newFlows())
                    .put("distinct_sources", w.distinctSources()).put("distinct_destinations", w.distinctDestinations())
                    .put("syn", w.syn()).put("syn_ack", w.synAck()).put("rst", w.rst()).put("fin", w.fin())
                    .put("icmp", w.icmp()).put("fragments", w.fragments()).put("dns_queries", w.dnsQueries())
                    .put("dns_responses", w.dnsResponses()).put("dns_nxdomain", w.dnsNxdomain())
                    .put("arp_requests", w.arpRequests()).put("arp_replies", w.arpReplies());
            ArrayNode talkers = n.putArray("top_talkers");
            w.topTalkers().forEach(t -> talkers.addObject().put("address", t.address()).put("bytes", t.bytes()));
        }
        ArrayNode list = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = list.addObject().put("kind", f.kind().name().toLowerCase()).put("confidence", f.confidence())
                    .put("source_count", f.sourceCount()).put("target", f.target()).put("packets", f.packets())
                    .put("first_seen", f.firstSeen().toString()).put("last_seen", f.lastSeen().toString())
                    .put("evidence", f.evidence());
            f.sources().forEach(n.putArray("sources")::add);
            f.ports().forEach(n.putArray("ports")::add);
        }
        return root.toString();
    }
}
