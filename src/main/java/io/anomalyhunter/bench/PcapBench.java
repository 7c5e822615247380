package io.anomalyhunter.bench;

import io.anomalyhunter.classifier.LiveTrafficJudge;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.config.NetworkConfig;
import io.anomalyhunter.detect.AnomalyLog;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.detect.net.AttackWatch;
import io.anomalyhunter.traffic.ConnectionJudge;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * anomaly-hunter bench pcap FILE: packets/s on one core through the whole capture pipeline (libpcap,
 * header decoding, flow table, traffic metrics, attack detectors: what replay and live capture do), and
 * through the analysis alone on frames already in memory; next to {@code tcpdump -nn -r} on the same file
 * in the same run. A small capture is first repeated (times shifted, so it reads as one long capture) into
 * a temporary file of at least {@code --packets}, so start-up costs do not dominate.
 */
@Command(name = "pcap", mixinStandardHelpOptions = true,
        description = "Capture analysis packets/s (parse, flows, metrics, detectors) next to tcpdump -nn -r.")
public final class PcapBench implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file.")
    Path file;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds of each. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--packets", defaultValue = "2000000",
            description = "Repeat the capture up to at least this many packets. Default: ${DEFAULT-VALUE}.")
    int minPackets;

    @Option(names = "--no-classifier", description = "Leave the traffic classifier out (the daemon runs it by default).")
    boolean noClassifier;

    /** The shipped model, as the daemon loads it; none with --no-classifier or when it does not load. */
    private TrafficClassifier classifier;

    @Override
    public Integer call() throws Exception {
        classifier = new TrafficClassifier(ModelDirectory.locate());
        try {
            if (!noClassifier && !classifier.reload()) {
                System.err.println("anomaly-hunter: no traffic classifier: " + classifier.lastRefusal().orElse("")
                        + "; measuring the rule detectors alone");
            }
            System.out.println(classifier.model().isPresent() ? "detectors and the traffic classifier (as the daemon runs)"
                    : "rule detectors only (no traffic classifier)");
            return measure();
        } finally {
            classifier.close();
        }
    }

    private int measure() throws Exception {
        PcapReplay.Captured one;
        try {
            one = PcapReplay.load(file);
        } catch (CaptureFileException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        if (one.frames().length == 0) {
            System.err.println("anomaly-hunter: " + file + ": no packets");
            return CommandLine.ExitCode.USAGE;
        }
        PcapReplay.Captured big = repeat(one, minPackets);
        Path bigFile = Files.createTempFile("anomaly-hunter-bench", ".pcap");
        try {
            PcapReplay.write(bigFile, big.linkType(), big.frames(), big.wireLengths(), big.micros());
            long packets = big.frames().length;
            AnomalyLog attacks = new AnomalyLog(AnomalyTracker.forDetection(new AtomicLong()::incrementAndGet, 0));
            PcapReplay.Result first = PcapReplay.run(bigFile, watch(attacks)); // also warms the JIT
            System.out.printf(Locale.ROOT, "%s: %,d packets repeated %d times = %,d packets (%,d MB); %d attack anomalies, "
                            + "%,d flows, %d traffic windows%n", file, one.frames().length, packets / one.frames().length,
                    packets, Files.size(bigFile) >> 20, attacks.anomalies().size(), first.flows().created(),
                    first.windows().size());
            PcapReplay.analyse(big, watch(attacks));
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                PcapReplay.run(bigFile, watch(attacks));
                double replay = rate(packets, t0);
                t0 = System.nanoTime();
                PcapReplay.analyse(big, watch(attacks));
                double inMemory = rate(packets, t0);
                double tcpdump = tcpdump(bigFile);
                System.out.printf(Locale.ROOT, "round %d: file -> libpcap -> decode, flows, metrics, detectors %,.0f packets/s;"
                        + " the same from memory %,.0f packets/s; tcpdump -nn -r %s%n", r, replay, inMemory,
                        tcpdump < 0 ? "not available" : String.format(Locale.ROOT, "%,.0f packets/s", packets / tcpdump));
            }
        } finally {
            Files.deleteIfExists(bigFile);
        }
        return CommandLine.ExitCode.OK;
    }

    /** The daemon's attack detectors with its default thresholds, reporting to the tracker behind {@code sink}. */
    private AttackWatch watch(VerdictSink sink) {
        ConnectionJudge judge = classifier.model().isPresent() ? new LiveTrafficJudge(classifier) : ConnectionJudge.NONE;
        return new AttackWatch("bench", NetworkConfig.Attacks.DEFAULTS, NetworkConfig.Classifier.DEFAULTS, judge, sink);
    }

    /** The capture repeated until it has at least {@code min} frames, each copy after the last in time. */
    static PcapReplay.Captured repeat(PcapReplay.Captured c, int min) {
        int n = c.frames().length;
        int copies = Math.max(1, (min + n - 1) / n);
        long span = c.micros()[n - 1] - c.micros()[0] + 1_000_000;
        byte[][] frames = new byte[n * copies][];
        int[] wire = new int[n * copies];
        long[] micros = new long[n * copies];
        for (int k = 0; k < copies; k++) {
            for (int i = 0; i < n; i++) {
                frames[k * n + i] = c.frames()[i];
                wire[k * n + i] = c.wireLengths()[i];
                micros[k * n + i] = c.micros()[i] + k * span;
            }
        }
        return new PcapReplay.Captured(c.linkType(), frames, wire, micros);
    }

    private static double rate(long packets, long t0) {
        return packets / ((System.nanoTime() - t0) / 1e9);
    }

    /** Seconds tcpdump takes to print the file (output discarded), or -1 without tcpdump. */
    private static double tcpdump(Path capture) {
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("tcpdump", "-nn", "-r", capture.toString()).redirectOutput(new File("/dev/null"))
                    .redirectError(new File("/dev/null")).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return -1;
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
