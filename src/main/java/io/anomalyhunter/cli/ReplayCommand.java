package io.anomalyhunter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.anomalyhunter.api.AnomalyView;
import io.anomalyhunter.classifier.LiveTrafficJudge;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.NetworkConfig;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyLog;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.net.AttackWatch;
import io.anomalyhunter.json.ApiJson;
import io.anomalyhunter.traffic.ConnectionJudge;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.TrafficWindow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * anomaly-hunter replay FILE: a capture through the daemon's packet path offline, in capture time: the same
 * traffic analysis, attack detectors and anomaly tracker, so the attacks come out as the anomalies the daemon
 * would record (the file's name stands for the interface).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a pcap/pcapng capture through the network attack detectors and the traffic classifier "
                + "(thresholds and minimum confidence from the config) and print the attacks as anomalies.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file.")
    Path file;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The traffic classifier's folder (default: the "
            + "shipped models/). Without a model the rule detectors work alone, as in the daemon.")
    Path modelDir;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        AppConfig c = config.loadOrReport().orElse(null);
        if (c == null) {
            return RootCommand.BAD_INPUT;
        }
        Replayed replayed;
        NetworkConfig n = c.collectors().network();
        try (TrafficClassifier classifier = new TrafficClassifier(modelDir != null ? modelDir : ModelDirectory.locate())) {
            // the daemon's rule: no model (or a refused one) means the rule detectors work alone; the loader said why
            ConnectionJudge judge = n.classifier().enabled() && classifier.reload() ? new LiveTrafficJudge(classifier)
                    : ConnectionJudge.NONE;
            replayed = replay(file, n, judge, new ReplayChains(c).tracker());
        } catch (CaptureFileException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
        if (json) {
            System.out.println(toJson(replayed));
            return RootCommand.OK;
        }
        PcapReplay.Result r = replayed.result();
        System.out.println(r.file() + ": " + r.packets() + " packets, " + r.bytes() + " bytes, link type " + r.linkType()
                + (r.malformed() > 0 ? ", " + r.malformed() + " malformed (skipped)" : "")
                + (r.damaged() > 0 ? ", " + r.damaged() + " damaged records (impossible timestamps, skipped)" : "")
                + (r.truncated() ? ", truncated (read up to the damage)" : "") + "; "
                + replayed.attacks().size() + (replayed.attacks().size() == 1 ? " attack" : " attacks"));
        System.out.println(trafficLine(r));
        // the journal's words for the same anomaly: series, then the detector's reason (the attack's attribution)
        replayed.attacks().forEach(a -> System.out.printf(java.util.Locale.ROOT, "anomaly %d %s .. %s %s: %s%n", a.id(),
                a.start(), a.end(), a.series().text(), a.reason()));
        return RootCommand.OK;
    }

    /** A capture's figures and the attack anomalies it gave. */
    record Replayed(PcapReplay.Result result, List<Anomaly> attacks) {
    }

    /** The file through the daemon's objects: traffic analysis, {@link AttackWatch} (with the classifier), then the tracker. */
    static Replayed replay(Path file, NetworkConfig n, ConnectionJudge judge, AnomalyTracker tracker)
            throws CaptureFileException {
        AnomalyLog log = new AnomalyLog(tracker);
        PcapReplay.Result r = PcapReplay.run(file, new AttackWatch(file.getFileName().toString(), n.attacks(),
                n.classifier(), judge, log));
        return new Replayed(r, log.anomalies());
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

    /**
     * What replay --json prints: the capture's figures, then flows, windows and attacks in the API's words (an
     * attack as /api/v1/network and /api/v1/anomalies show it).
     */
    @RegisterForReflection // Jackson reads its accessors in the native executable too
    record Report(String file, int linkType, long packets, long bytes, long malformed, boolean truncated, long damaged,
                  FlowTable.Counts flows, List<TrafficWindow> windows, List<AnomalyView> attacks) {
    }

    static String toJson(Replayed replayed) {
        PcapReplay.Result r = replayed.result();
        Report report = new Report(r.file().toString(), r.linkType(), r.packets(), r.bytes(), r.malformed(), r.truncated(),
                r.damaged(), r.flows(), r.windows(), replayed.attacks().stream().map(AnomalyView::of).toList());
        try {
            return ApiJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the replay as JSON: " + e.getMessage(), e);
        }
    }
}
