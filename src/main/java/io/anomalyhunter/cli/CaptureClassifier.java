package io.anomalyhunter.cli;

import io.anomalyhunter.classifier.CaptureClassification;
import io.anomalyhunter.traffic.ConnectionRecord;
import io.anomalyhunter.traffic.ConnectionTracker;
import io.anomalyhunter.classifier.ModelLoadException;
import io.anomalyhunter.classifier.ScoringException;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.classifier.TrafficTraining;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.PcapReplay;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** classify CAPTURE: the capture's connections rebuilt, given NSL-KDD features, and classified one by one. */
final class CaptureClassifier {
    private static final int MAX_OPEN = 200_000;

    private CaptureClassifier() {
    }

    static boolean isCapture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".pcap") || n.endsWith(".pcapng") || n.endsWith(".cap");
    }

    static int run(Path input, Path out, Path modelDir, double minConfidence, int explain) {
        try (TrafficModel model = TrafficModelFiles.load(modelDir)) {
            CaptureClassification c = new CaptureClassification(model, minConfidence);
            PcapReplay.run(input, new ConnectionTracker(MAX_OPEN, c::accept));
            List<CaptureClassification.Classified> all = c.results();
            List<String> classes = TrafficTraining.classNames();
            StringBuilder b = new StringBuilder("start,originator,originator_port,responder,responder_port,protocol,service,flag,"
                    + "src_bytes,dst_bytes,prediction," + String.join(",", classes.stream().map(x -> "p_" + x).toList())
                    + (explain > 0 ? ",top_contributions" : "") + "\n");
            Map<String, Integer> mix = new LinkedHashMap<>();
            for (CaptureClassification.Classified x : all) {
                ConnectionRecord r = x.connection();
                b.append(Instant.ofEpochSecond(r.startMicros() / 1_000_000, r.startMicros() % 1_000_000 * 1000)).append(',')
                        .append(r.originator()).append(',').append(r.originatorPort()).append(',').append(r.responder()).append(',')
                        .append(r.responderPort()).append(',').append(r.protocolName()).append(',').append(r.service()).append(',')
                        .append(r.flag()).append(',').append(r.srcBytes()).append(',').append(r.dstBytes()).append(',')
                        .append(x.prediction().label());
                for (double p : x.prediction().probabilities()) {
                    b.append(String.format(Locale.ROOT, ",%.4f", p));
                }
                if (explain > 0) {
                    b.append(",\"").append(TrafficModel.Contribution.text(model.explain(x.features(), x.prediction().likeliest(), explain))).append('"');
                }
                b.append('\n');
                mix.merge(x.prediction().label(), 1, Integer::sum);
            }
            if (out == null) {
                PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                stdout.print(b);
                stdout.flush();
            } else {
                Files.writeString(out, b);
            }
            System.err.println(input.getFileName() + ": " + all.size() + " connections: " + mixText(mix, all.size()));
            return RootCommand.OK;
        } catch (ModelLoadException | ScoringException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        } catch (CaptureFileException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (IOException e) {
            System.err.println("anomaly-hunter: " + out + ": " + e.getMessage());
            return RootCommand.FAILURE;
        }
    }

    static String mixText(Map<String, Integer> mix, int total) {
        StringBuilder b = new StringBuilder();
        mix.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v)
                .append(String.format(Locale.ROOT, " (%.1f %%)", 100.0 * v / Math.max(1, total))));
        return b.toString();
    }
}
