package io.anomalyhunter.bench;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.cgroup.CgroupCollector;
import io.anomalyhunter.collect.change.ChangeCollector;
import io.anomalyhunter.collect.docker.DockerCollector;
import io.anomalyhunter.collect.docker.DockerEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * anomaly-hunter bench containers: CPU per poll of the Docker collector (one container list), the cgroups
 * collector (every container, service and cgroup) and the change feed's sources, on this host as it is.
 * packaging/bench-containers.sh starts the containers and a process churn around it, and times docker stats.
 */
@Command(name = "containers", mixinStandardHelpOptions = true,
        description = "CPU per poll of the container, cgroup and change-feed collectors on this host.")
public final class ContainerBench implements Callable<Integer> {
    @Option(names = "--polls", defaultValue = "50", description = "Polls to measure (after 3 to warm up). Default: ${DEFAULT-VALUE}.")
    int polls;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Time between polls. Default: ${DEFAULT-VALUE}.")
    long intervalMs;

    @Option(names = "--socket", defaultValue = "/var/run/docker.sock", description = "Docker's socket. Default: ${DEFAULT-VALUE}.")
    Path socket;

    @Override
    public Integer call() throws Exception {
        AtomicLong changes = new AtomicLong();
        ChangeSink counting = new ChangeSink() {
            @Override
            public void change(Change change) {
                changes.incrementAndGet();
            }
        };
        try (DockerCollector docker = new DockerCollector("docker", new DockerEngine(socket), counting, InstantSource.system())) {
            CgroupCollector cgroups = CgroupCollector.forHost(docker);
            ChangeCollector feed = ChangeCollector.forHost(Optional.empty(), counting);
            Collector[] all = {docker, cgroups, feed};
            double[][] cpuMs = new double[all.length][polls];
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long changesBefore = 0;
            long started = 0;
            for (int i = -3; i < polls; i++) {
                if (i == 0) {
                    changesBefore = changes.get();
                    started = System.nanoTime();
                }
                for (int c = 0; c < all.length; c++) {
                    long t0 = threads.getCurrentThreadCpuTime();
                    all[c].collect(Instant.now(), batch -> { });
                    if (i >= 0) {
                        cpuMs[c][i] = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
                    }
                }
                Thread.sleep(intervalMs);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println(docker.state().detail() + "; " + cgroups.state().detail());
            String[] names = {"docker list", "cgroups", "change feed"};
            for (int c = 0; c < all.length; c++) {
                double[] v = cpuMs[c].clone();
                Arrays.sort(v);
                System.out.printf(Locale.ROOT, "%-12s CPU per poll: median %.2f ms, p95 %.2f ms, max %.2f ms%n", names[c],
                        v[v.length / 2], v[(int) Math.min(v.length - 1, Math.round(v.length * 0.95))], v[v.length - 1]);
            }
            System.out.printf(Locale.ROOT, "change feed: %.1f changes/s over %.0f s%n", (changes.get() - changesBefore) / seconds, seconds);
        }
        return 0;
    }
}
