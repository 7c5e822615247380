package io.anomalyhunter.soak;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connections that never send a byte, more than the daemon could hold in file handles (held by child processes of
 * this executable, so this process's own limit does not count). Lost: /health answers that did not come within 1 s.
 */
final class IdleFlood {
    private final List<String> self;
    private final int connections;

    IdleFlood(List<String> self, int connections) {
        this.self = self;
        this.connections = connections;
    }

    ScenarioResult run(Path dir) throws Exception {
        int port = SoakDaemon.freePort();
        try (SoakDaemon d = SoakDaemon.start(self, dir, SoakConfig.write(dir, port, dir.resolve("ah.db"), ""), port)) {
            d.awaitHealthy(Duration.ofSeconds(60));
            List<Process> holders = new ArrayList<>();
            int opened = 0;
            try {
                int per = 10_000;
                for (int left = connections; left > 0; left -= per) {
                    List<String> cmd = new ArrayList<>(self);
                    cmd.addAll(List.of("bench", "soak-hold", Integer.toString(port), Integer.toString(Math.min(per, left))));
                    holders.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (Process p : holders) {
                    String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
                    opened += line != null && line.startsWith("opened ") ? Integer.parseInt(line.split(" ")[1]) : 0;
                }
                Thread.sleep(4000); // the daemon takes in what the kernel has queued
                long late = 0;
                List<Long> ms = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    long t0 = System.nanoTime();
                    String status = d.freshGet("/health");
                    long took = (System.nanoTime() - t0) / 1_000_000;
                    ms.add(took);
                    if (!status.startsWith("HTTP/1.1 200") || took >= 1000) {
                        late++;
                    }
                    Thread.sleep(200);
                }
                int files = d.openFiles();
                String metrics = String.join("; ", d.text("/metrics").lines()
                        .filter(l -> l.startsWith("anomaly_hunter_http_connections")).toList());
                return new ScenarioResult("idle connections", opened + " connections that send nothing", late, List.of(
                        "/health beside them: " + ms + " ms (" + late + " of 10 late or failed)",
                        "daemon open files " + files + "; stack traces in the log: " + Waits.stackTraces(d.logText()),
                        metrics), null);
            } finally {
                for (Process p : holders) {
                    p.getOutputStream().close();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
                d.stop();
            }
        }
    }
}
