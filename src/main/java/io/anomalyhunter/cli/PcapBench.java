package io.anomalyhunter.cli;

import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.NetThresholds;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.collect.net.TrafficAnalyzer;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * anomaly-hunter bench pcap FILE: packets/s on one core, from the file through libpcap, the header decoder
 * and the attack detectors (what replay does), and the analysis alone on packets already in memory; next to
 * {@code tcpdump -nn -r FILE} timed in the same run.
 */
@Command(name = "pcap", mixinStandardHelpOptions = true, description = "Capture analysis packets/s next to tcpdump -nn -r.")
final class PcapBench implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A pcap or pcapng file.")
    Path file;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds of each. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PcapReplay.Result first;
        try {
            first = PcapReplay.run(file, NetThresholds.DEFAULTS); // also warms the JIT
        } catch (CaptureFileException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
        PcapReplay.Captured captured = PcapReplay.load(file);
        long packets = first.packets();
        System.out.printf(Locale.ROOT, "%s: %,d packets, %,d bytes, %d findings%n", file, packets, first.bytes(),
                first.findings().size());
        for (int i = 0; i < 2; i++) {
            analyse(captured);
        }
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            PcapReplay.run(file, NetThresholds.DEFAULTS);
            double replay = rate(packets, t0);
            t0 = System.nanoTime();
            int reps = Math.max(1, (int) (2_000_000 / Math.max(1, packets)));
            for (int i = 0; i < reps; i++) {
                analyse(captured);
            }
            double inMemory = rate(packets * reps, t0);
            double tcpdump = tcpdump();
            System.out.printf(Locale.ROOT, "round %d: file -> libpcap -> decode -> detectors %,.0f packets/s; decode -> detectors"
                    + " alone %,.0f packets/s; tcpdump -nn -r %s%n", r, replay, inMemory,
                    tcpdump < 0 ? "not available" : String.format(Locale.ROOT, "%,.0f packets/s", packets / tcpdump));
        }
        return RootCommand.OK;
    }

    private static void analyse(PcapReplay.Captured c) {
        TrafficAnalyzer a = new TrafficAnalyzer(c.linkType(), NetThresholds.DEFAULTS);
        for (int i = 0; i < c.frames().length; i++) {
            a.accept(c.frames()[i], c.frames()[i].length, c.micros()[i]);
        }
        a.finish();
    }

    private static double rate(long packets, long t0) {
        return packets / ((System.nanoTime() - t0) / 1e9);
    }

    /** Seconds tcpdump takes to print the file (output discarded), or -1 without tcpdump. */
    private double tcpdump() {
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString()).redirectOutput(new File("/dev/null"))
                    .redirectError(new File("/dev/null")).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
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
