package io.anomalyhunter.bench;

import io.anomalyhunter.config.Sensitivity;
import io.anomalyhunter.detect.BaselineDetector;
import io.anomalyhunter.detect.Sensitivities;
import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.ValueRange;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Samples per second through the baseline detector on the calling thread (one core), and its state size. */
@Command(name = "detector", mixinStandardHelpOptions = true,
        description = "Samples/s through the baseline detector on one core; bytes of state per series.")
public final class DetectorBench implements Callable<Integer> {
    @Option(names = "--series", defaultValue = "200", description = "Series (one detector each). Default: ${DEFAULT-VALUE}.")
    int series;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Override
    public Integer call() {
        int steps = 20_000;
        Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
        Instant[] times = new Instant[steps];
        double[] values = new double[steps];
        Random r = new Random(1);
        for (int i = 0; i < steps; i++) {
            times[i] = t0.plusSeconds(10L * i);
            values[i] = 50 + 20 * Math.sin(i * 2 * Math.PI / 8640) + r.nextGaussian() * 2
                    + (r.nextDouble() < 0.01 ? 30 * r.nextDouble() : 0);
        }
        BaselineSettings settings = settings();
        System.out.printf(Locale.ROOT, "baseline detector: %d series x %d samples (10 s apart, daily sine, noise, 1%% spikes)"
                + " per round, %d rounds, one thread%n", series, steps, rounds);
        long flagged = 0;
        for (int round = -2; round < rounds; round++) { // two warm-up rounds for the JIT
            BaselineDetector[] detectors = new BaselineDetector[series];
            for (int s = 0; s < series; s++) {
                detectors[s] = new BaselineDetector(settings);
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                for (int s = 0; s < series; s++) {
                    if (detectors[s].process(times[i], values[i] + s).anomalous()) {
                        flagged++;
                    }
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            if (round >= 0) {
                System.out.printf(Locale.ROOT, "round %d: %.2f M samples/s (%.1f ns/sample)%n", round + 1,
                        series * (double) steps / secs / 1e6, secs * 1e9 / (series * (double) steps));
            }
            if (round == rounds - 1) {
                printStateSize(detectors);
            }
        }
        System.out.println("(flagged " + flagged + " samples; printed so the work is not optimised away)");
        return CommandLine.ExitCode.OK;
    }

    static BaselineSettings settings() {
        return new BaselineSettings(Duration.ofHours(1), 0, Duration.ofSeconds(10),
                FalseAlarmBudget.fixed(Sensitivities.falseAlarmsPerDay(Sensitivity.MEDIUM)), ValueRange.ANY, 0,
                ZoneOffset.UTC);
    }

    /** Persisted bytes per series, and heap bytes per detector: the heap grown by a few thousand of them. */
    private static void printStateSize(BaselineDetector[] detectors) {
        BaselineStateMapper mapper = new BaselineStateMapper();
        long persisted = 0;
        for (BaselineDetector d : detectors) {
            persisted += mapper.toBytes(d.state()).length;
        }
        int n = 4000;
        Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
        Random r = new Random(2);
        long before = usedHeap();
        BaselineDetector[] many = new BaselineDetector[n];
        for (int k = 0; k < n; k++) {
            many[k] = new BaselineDetector(settings());
            for (int i = 0; i < 400; i++) {
                // a spike now and then, so the buffers an anomaly needs are allocated too
                many[k].process(t0.plusSeconds(10L * i), 50 + r.nextGaussian() + (i % 97 == 96 ? 40 : 0));
            }
        }
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "state per series: %d bytes persisted, %d bytes of heap (%d detectors)%n",
                persisted / detectors.length, (after - before) / n, many.length);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
