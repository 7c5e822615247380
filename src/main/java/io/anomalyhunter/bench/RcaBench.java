package io.anomalyhunter.bench;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.Severity;
import io.anomalyhunter.llm.WorkerProcess;
import io.anomalyhunter.pipeline.ProcessUsage;
import io.anomalyhunter.pipeline.SnapshotOnOpen;
import io.anomalyhunter.rca.RcaService;
import io.anomalyhunter.rca.Report;
import io.anomalyhunter.rca.LlmAnalyst;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import io.anomalyhunter.store.SqliteAnomalyQuery;
import io.anomalyhunter.store.SqliteChangeQuery;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteIncidentQuery;
import io.anomalyhunter.store.SqliteSnapshotQuery;
import io.anomalyhunter.store.SqliteWriter;
import io.anomalyhunter.store.StoreWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * anomaly-hunter bench rca: the root-cause analysis of one incident of 10 anomalies in a database holding 30 days of
 * samples, anomalies, changes and process snapshots. Times reading its facts and building the evidence, the
 * rule-based report, and with --llm-model a full report by the three agents (worker start and model load included
 * in the first).
 */
@Command(name = "rca", mixinStandardHelpOptions = true,
        description = "Root-cause analysis: evidence and rule-based report times over 30 days of data; agents with --llm-model.")
public final class RcaBench implements Callable<Integer> {
    @Option(names = "--days", defaultValue = "30", description = "Days of stored data. Default: ${DEFAULT-VALUE}.")
    int days;

    @Option(names = "--series", defaultValue = "20", description = "Series sampled every 10 s. Default: ${DEFAULT-VALUE}.")
    int series;

    @Option(names = "--changes-per-day", defaultValue = "2000", description = "Default: ${DEFAULT-VALUE}.")
    int changesPerDay;

    @Option(names = "--anomalies-per-day", defaultValue = "40", description = "Default: ${DEFAULT-VALUE}.")
    int anomaliesPerDay;

    @Option(names = "--runs", defaultValue = "30", description = "Timed runs. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--llm-model", description = "A GGUF model: also time full reports by the agents.")
    Path llmModel;

    @Option(names = "--llm-runs", defaultValue = "3", description = "Reports by the agents. Default: ${DEFAULT-VALUE}.")
    int llmRuns;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("ah-bench-rca");
        Instant now = Instant.now();
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("rca.db"))) {
            long t0 = System.nanoTime();
            long incident = fill(db, now);
            System.out.printf(Locale.ROOT, "database: %d days, %d series every 10 s, %d changes and %d anomalies a day: built in %.1f s, %d MB%n",
                    days, series, changesPerDay, anomaliesPerDay, (System.nanoTime() - t0) / 1e9, Files.size(dir.resolve("rca.db")) >> 20);
            RcaService rca = new RcaService(new SqliteIncidentQuery(db), new SqliteAnomalyQuery(db), new SqliteChangeQuery(db),
                    new SqliteSnapshotQuery(db), Duration.ofMinutes(5), InstantSource.fixed(now));
            for (int i = 0; i < 5; i++) {
                rca.analysis(incident); // warm up
            }
            double[] evidence = new double[runs];
            double[] report = new double[runs];
            RcaService.Analysis a = null;
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                rca.evidence(incident).orElseThrow();
                evidence[i] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                a = rca.analysis(incident).orElseThrow();
                report[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf(Locale.ROOT, "incident of %d anomalies: %d evidence items (%d changes in the window)%n",
                    a.facts().anomalies().size(), a.evidence().size(), a.facts().changes().size());
            print("evidence (store reads + builder)", evidence, 200);
            print("rule-based report (evidence + ranking)", report, 300);
            if (llmModel != null) {
                agents(a, now);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void agents(RcaService.Analysis a, Instant now) throws Exception {
        List<String> self = WorkerProcess.selfCommand();
        if (self.isEmpty()) {
            System.out.println("agents: cannot start a model worker from this process");
            return;
        }
        try (WorkerProcess llm = new WorkerProcess(self, llmModel, 2, 4096, Duration.ofMinutes(5))) {
            for (int i = 0; i < llmRuns; i++) {
                long s = System.nanoTime();
                Report r = LlmAnalyst.analyse(a, llm, 1024, now);
                double ms = (System.nanoTime() - s) / 1e6;
                System.out.printf(Locale.ROOT, "agents report %d (%s): %.0f ms%s, source %s; %s%n", i + 1, llm.model(), ms,
                        i == 0 ? " (worker start and model load included)" : "", r.source(),
                        r.notes().isEmpty() ? "" : r.notes().get(r.notes().size() - 1));
            }
        }
    }

    private static void print(String what, double[] ms, double goal) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%-40s median %.1f ms, p95 %.1f ms, max %.1f ms (goal < %.0f ms)%n", what,
                s[s.length / 2], s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], s[s.length - 1], goal);
    }

    /** Writes the data; returns the incident's id. */
    private long fill(SqliteDatabase db, Instant now) throws Exception {
        Random rnd = new Random(42);
        Instant from = now.minus(Duration.ofDays(days));
        List<SeriesKey> keys = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            keys.add(SeriesKey.of(i == 0 ? "host_cpu_percent" : "bench_metric_" + i));
        }
        try (SqliteWriter w = new SqliteWriter(db, 10_000)) {
            List<Sample> batch = new ArrayList<>();
            for (Instant t = from; t.isBefore(now); t = t.plusSeconds(10)) {
                for (SeriesKey k : keys) {
                    batch.add(new Sample(k, t, rnd.nextDouble() * 100));
                }
                if (batch.size() >= 20_000) {
                    w.submit(new StoreWrite.Samples(batch));
                    batch = new ArrayList<>();
                }
            }
            w.submit(new StoreWrite.Samples(batch));
            long id = 1;
            long seconds = Duration.between(from, now).toSeconds();
            List<Change> changes = new ArrayList<>();
            for (long i = 0; i < (long) changesPerDay * days; i++) {
                ChangeKind kind = ChangeKind.values()[rnd.nextInt(ChangeKind.values().length)];
                changes.add(new Change(from.plusSeconds((long) (rnd.nextDouble() * seconds)), kind, "subject-" + rnd.nextInt(500),
                        kind.name().toLowerCase(Locale.ROOT) + " changed", Map.of("n", Long.toString(i)), "bench"));
                if (changes.size() == 5000) {
                    w.submit(new StoreWrite.Changes(changes));
                    changes = new ArrayList<>();
                }
            }
            w.submit(new StoreWrite.Changes(changes));
            String snapshot = SnapshotOnOpen.json(List.of(new ProcessUsage(4242, "burner", "sh -c burn", 99, 2L << 20, 0, 0, "host", 4, 1024, 0),
                    new ProcessUsage(900, "java", "java -jar app.jar", 3, 300L << 20, 100, 100, "service=app.service",
                            180, 65536, 0)));
            for (long i = 0; i < (long) anomaliesPerDay * days; i++) {
                Instant start = from.plusSeconds((long) (rnd.nextDouble() * (seconds - 7200)));
                Anomaly an = new Anomaly(id, keys.get(rnd.nextInt(keys.size())), "baseline", start, start.plusSeconds(120), 90, start,
                        10, 20, 0.8, 0.8, "above band");
                w.submit(new StoreWrite.AnomalyRow(an));
                w.submit(new StoreWrite.ProcessSnapshot(id, start, snapshot));
                id++;
            }
            // the incident: 10 anomalies in the last hour, each with its snapshot
            Instant onset = now.minusSeconds(1800);
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Instant start = onset.plusSeconds(15L * i);
                w.submit(new StoreWrite.AnomalyRow(new Anomaly(id, keys.get(i % keys.size()), "baseline", start, null, 95, start, 10, 20,
                        0.9, 0.9, "above band")));
                w.submit(new StoreWrite.ProcessSnapshot(id, start, snapshot));
                members.add(id++);
            }
            long incident = 1_000_000;
            w.submit(new StoreWrite.IncidentRow(new Incident(incident, onset, null, Severity.WARNING, 0.9, "bench incident", members,
                    members.stream().map(m -> "s" + m).toList()), List.of()));
            w.flush();
            return incident;
        }
    }
}
