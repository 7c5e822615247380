package io.anomalyhunter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.Finding;
import io.anomalyhunter.collect.net.FlowTable;
import io.anomalyhunter.collect.net.NetThresholds;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.collect.net.TrafficWindow;
import io.anomalyhunter.json.ApiJson;
import java.nio.file.Path;
import java.util.List;
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

    /** What replay --json prints: the capture's figures, then flows, windows and findings in the API's words. */
    record Report(String file, int linkType, long packets, long bytes, long malformed, boolean truncated, long damaged,
                  FlowTable.Counts flows, List<TrafficWindow> windows, List<Finding> findings) {
    }

    static String toJson(PcapReplay.Result r) {
        Report report = new Report(r.file().toString(), r.linkType(), r.packets(), r.bytes(), r.malformed(), r.truncated(),
                r.damaged(), r.flows(), r.windows(), r.findings());
        try {
            return ApiJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the replay as JSON: " + e.getMessage(), e);
        }
    }
}
