package io.anomalyhunter.cli;

import io.anomalyhunter.bench.CaptureBench;
import io.anomalyhunter.bench.ClassifierBench;
import io.anomalyhunter.bench.ContainerBench;
import io.anomalyhunter.bench.DetectorBench;
import io.anomalyhunter.bench.PcapBench;
import io.anomalyhunter.bench.QueueBench;
import io.anomalyhunter.bench.RcaBench;
import picocli.CommandLine.Command;

/** anomaly-hunter bench: measurements, not tests. Prints figures for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print figures; not tests).",
        subcommands = {DetectorBench.class, QueueBench.class, PcapBench.class, CaptureBench.class, ContainerBench.class, ClassifierBench.class, RcaBench.class,
                SoakCommand.class, SoakCommand.Hold.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("choose a benchmark: anomaly-hunter bench detector|queue|pcap|capture|containers|classifier|soak");
    }
}
