package io.anomalyhunter.bench;

import io.anomalyhunter.alert.AlertService;
import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;
import io.anomalyhunter.incident.Severity;
import io.anomalyhunter.queue.QueueCounters;
import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueuedMessage;
import io.anomalyhunter.store.SqliteAnomalyQuery;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteQueue;
import io.anomalyhunter.store.SqliteWriter;
import io.anomalyhunter.store.StoreWrite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * anomaly-hunter bench queue: durable enqueue+lease+ack throughput with synchronous=NORMAL and FULL, and the
 * time from an incident's transaction to a webhook on loopback receiving its alert.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Queue throughput (NORMAL vs FULL) and incident-to-webhook latency.")
public final class QueueBench implements Callable<Integer> {
    private static final int WARM_UP = 50;

    @Option(names = "--messages", defaultValue = "200000", description = "Messages per batched run. Default: ${DEFAULT-VALUE}.")
    int messages;

    @Option(names = "--incidents", defaultValue = "300", description = "Incidents for the latency run. Default: ${DEFAULT-VALUE}.")
    int incidents;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("ah-bench-queue");
        try {
            for (String sync : List.of("NORMAL", "FULL")) {
                throughput(dir.resolve("b-" + sync + ".db"), sync, 1000, messages);
                throughput(dir.resolve("u-" + sync + ".db"), sync, 1, Math.min(messages, 2000));
            }
            latency(dir.resolve("latency.db"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        return CommandLine.ExitCode.OK;
    }

    /** One thread: enqueue a batch, lease it, ack it; each step its own transaction. */
    private static void throughput(Path file, String sync, int batch, int total) {
        try (SqliteDatabase db = SqliteDatabase.open(file); SqliteQueue q = new SqliteQueue(db, InstantSource.system())) {
            q.useSynchronous(sync);
            long t0 = System.nanoTime();
            int done = 0;
            while (done < total) {
                List<QueueItem> items = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    items.add(new QueueItem("bench", "{\"n\":" + (done + i) + "}", null));
                }
                q.enqueue(items);
                List<QueuedMessage> leased = q.lease("bench", batch, Duration.ofMinutes(1));
                q.ack(leased);
                done += leased.size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "queue synchronous=%-6s batch %4d: %,9.0f messages/s enqueued+leased+acked "
                    + "(%,d messages in %.2f s)%n", sync, batch, total / seconds, total, seconds);
        }
    }

    /** Incidents written the way the pipeline writes them; a webhook on loopback timestamps each alert. */
    private void latency(Path file) throws Exception {
        Map<Long, Long> received = new ConcurrentHashMap<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SqliteDatabase db = SqliteDatabase.open(file);
             SqliteQueue q = new SqliteQueue(db, InstantSource.system());
             SqliteWriter writer = new SqliteWriter(db, 1000)) {
            Thread peer = new Thread(() -> serve(server, received), "bench-webhook");
            peer.setDaemon(true);
            peer.start();
            AlertsConfig.RateLimit unlimited = new AlertsConfig.RateLimit(1_000_000, Duration.ofSeconds(1));
            AlertsConfig config = new AlertsConfig(new AlertsConfig.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1)),
                    List.of(new AlertsConfig.Webhook("hook", unlimited, URI.create("http://127.0.0.1:" + server.getLocalPort()
                            + "/"), Optional.empty(), false, Duration.ofSeconds(5))),
                    List.of(new AlertsConfig.Rule("all", AlertsConfig.Severity.WARNING, Optional.empty(), OptionalDouble.empty(),
                            OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), List.of("hook"))));
            long[] sent = new long[incidents + 1];
            try (AlertService alerts = new AlertService(config, q, db.queueSignal(), new SqliteAnomalyQuery(db),
                    new QueueCounters(), InstantSource.system(), "bench")) {
                alerts.start();
                for (int i = 1; i <= incidents; i++) {
                    Incident inc = new Incident(i, Instant.now(), null, Severity.WARNING, 0.9, "bench incident " + i,
                            List.of(), List.of("bench"));
                    sent[i] = System.nanoTime();
                    writer.submit(new StoreWrite.IncidentRow(inc, List.of(new QueueItem(IncidentMessage.TOPIC,
                            IncidentMessage.encode(new IncidentChange(IncidentChange.Kind.OPENED, inc)), null))));
                    Thread.sleep(20);
                }
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (received.size() < incidents && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
            // The first alerts after start pay for class loading, the JIT and the first connection: shown apart.
            double[] cold = new double[Math.min(WARM_UP, incidents)];
            List<Double> warm = new ArrayList<>();
            for (Map.Entry<Long, Long> e : received.entrySet()) {
                double ms = (e.getValue() - sent[e.getKey().intValue()]) / 1e6;
                if (e.getKey() <= WARM_UP) {
                    cold[e.getKey().intValue() - 1] = ms;
                } else {
                    warm.add(ms);
                }
            }
            double[] ms = warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "incident -> webhook: %d of %d delivered; after the first %d: p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms; first alert after start %.1f ms (one incident every 20 ms: writer commit, router,"
                    + " delivery over HTTP on loopback)%n", received.size(), incidents, WARM_UP, pct(ms, 50), pct(ms, 99),
                    ms.length == 0 ? 0 : ms[ms.length - 1], cold.length == 0 ? 0 : cold[0]);
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A minimal HTTP/1.1 peer: reads each request, notes the incident id in its body, answers 200. */
    private static void serve(ServerSocket server, Map<Long, Long> received) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                int length = 0;
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).strip());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    int n = in.read(body, read, length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                long now = System.nanoTime();
                String text = new String(body, 0, read);
                int at = text.indexOf("\"incident_id\":");
                if (at >= 0) {
                    received.putIfAbsent(Long.parseLong(text.substring(at + 14).split("[,}]")[0].strip()), now);
                }
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
