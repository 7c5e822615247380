package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.Finding;
import io.anomalyhunter.collect.net.NetThresholds;
import io.anomalyhunter.collect.net.PcapReplay;
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
                + (r.truncated() ? ", truncated (read up to the damage)" : "") + "; " + r.findings().size() + " findings");
        r.findings().forEach(f -> System.out.println(f.line()));
        return RootCommand.OK;
    }

    static String toJson(PcapReplay.Result r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("file", r.file().toString()).put("link_type", r.linkType())
                .put("packets", r.packets()).put("bytes", r.bytes()).put("malformed", r.malformed())
                .put("truncated", r.truncated());
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
