package io.anomalyhunter.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.incident.Severity;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule-based analysis on incidents as the store would hold them: each scenario's top cause names what was
 * injected, every cited evidence id exists, and the report is the same every time.
 */
class RuleRankerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private static Anomaly anomaly(long id, SeriesKey s, int startSec, Integer endSec, double peak, double lo, double hi,
                                   String reason) {
        return new Anomaly(id, s, "baseline", T0.plusSeconds(startSec), endSec == null ? null : T0.plusSeconds(endSec), peak,
                T0.plusSeconds(startSec), lo, hi, 0.9, 0.9, reason);
    }

    private static IncidentFacts.ProcessSnapshot proc(int pid, String name, double cpu, long rssMb, double io, String owner) {
        return new IncidentFacts.ProcessSnapshot(pid, name, "/usr/bin/" + name, cpu, rssMb << 20, io, owner, 20, 1024, 0);
    }

    private static List<IncidentFacts.ProcessSnapshot> quietProcesses() {
        return new ArrayList<>(List.of(proc(1, "systemd", 0.5, 12, 0, "host"), proc(812, "sshd", 0.2, 8, 0, "service=ssh.service"),
                proc(900, "java", 3, 300, 1000, "service=app.service")));
    }

    private static Report analyse(List<Anomaly> anomalies, List<IncidentFacts.StoredChange> changes,
                                  Map<Long, List<IncidentFacts.ProcessSnapshot>> snapshots) {
        Incident incident = new Incident(7, anomalies.stream().map(Anomaly::start).min(Instant::compareTo).orElseThrow(), null,
                Severity.WARNING, 0.9, "test incident", anomalies.stream().map(Anomaly::id).toList(),
                anomalies.stream().map(a -> a.series().text()).toList());
        IncidentFacts facts = new IncidentFacts(incident, anomalies, changes, snapshots, WINDOW);
        Report r = RuleRanker.analyse(facts, EvidenceBuilder.build(facts), T0.plusSeconds(600));
        Report again = RuleRanker.analyse(facts, EvidenceBuilder.build(facts), T0.plusSeconds(600));
        assertEquals(r, again, "deterministic");
        Set<String> ids = new HashSet<>();
        r.evidence().forEach(e -> assertTrue(ids.add(e.id()), "evidence ids are unique: " + e.id()));
        r.causes().forEach(c -> c.evidence().forEach(id -> assertTrue(ids.contains(id), "cause cites " + id + ", which exists")));
        assertTrue(r.causes().size() <= 3);
        return r;
    }

    private static Report.Cause top(Report r) {
        assertTrue(!r.causes().isEmpty(), r.summary());
        return r.causes().get(0);
    }

    @Test
    void aCpuBurnerIsTheBusiestProcessWhenCpuMovedFirst() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(4242, "burner", 99, 2, 0, "host"));
        Report r = analyse(List.of(anomaly(1, SeriesKey.of("host_cpu_percent"), 0, null, 97, 2, 20, "above band"),
                anomaly(2, SeriesKey.of("host_load_average", "period", "1m"), 20, null, 3, 0, 1, "above band")),
                List.of(), Map.of(1L, ps));
        assertEquals(RuleRanker.PROCESS, top(r).kind());
        assertEquals("burner", top(r).subject());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().contains("-p 4242")), r.actions().toString());
        assertTrue(r.summary().contains("burner"), r.summary());
    }

    @Test
    void aGrowingProcessIsNamedByItsMemory() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(5151, "leaker", 4, 3000, 0, "host"));
        Report r = analyse(List.of(anomaly(3, SeriesKey.of("host_memory_used_percent"), 0, null, 71, 30, 45, "level shift")),
                List.of(), Map.of(3L, ps));
        assertEquals(RuleRanker.PROCESS, top(r).kind());
        assertEquals("leaker", top(r).subject());
    }

    @Test
    void aProcessGrowingItsMemoryIsNamedAheadOfALargerOneThatHoldsStill() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses(); // java: 300 MB, still
        ps.add(new IncidentFacts.ProcessSnapshot(5252, "grower", "/usr/bin/grower", 2, 180L << 20, 0, "host", 5, 1024, 120e6));
        Report r = analyse(List.of(anomaly(3, SeriesKey.of("host_memory_used_bytes"), 0, null, 6e9, 2e9, 3e9, "level shift")),
                List.of(), Map.of(3L, ps));
        assertEquals(RuleRanker.PROCESS, top(r).kind());
        assertEquals("grower", top(r).subject(), r.causes().toString());
    }

    @Test
    void aHostModelAnomalyIsAboutTheResourceOfWhatMovedMost() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(4242, "burner", 40, 2, 0, "host"));
        ps.add(new IncidentFacts.ProcessSnapshot(5252, "grower", "/usr/bin/grower", 5, 900L << 20, 0, "host", 5, 1024, 200e6));
        Report r = analyse(List.of(anomaly(13, SeriesKey.of("host_model_score", "model", "isolation_forest"), 0, null, 0.64,
                Double.NaN, Double.NaN, "moved most: cgroup_memory_bytes{cgroup=\"/batch\"} 2295029760 (baseline 1.88e+09 ± "
                        + "1.37e+07, +30.1σ); host_cpu_percent{mode=\"user\"} 41 (baseline 3 ± 2, +19σ); isolation forest v1 "
                        + "scored 0.64 (threshold 0.60), 1.2× the training envelope (limit 2.0)")), List.of(), Map.of(13L, ps));
        assertEquals("grower", top(r).subject(), "by memory, not by CPU: " + r.causes());
        assertTrue(top(r).explanation().contains("busiest by memory"), top(r).explanation());
    }

    @Test
    void aFillingDiskNamesThePathAndTheWriter() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(6161, "filler", 10, 5, 80e6, "host"));
        // the loop device's kernel worker writes faster, for the filler: a kernel thread (no command line) is no cause
        ps.add(new IncidentFacts.ProcessSnapshot(30142, "kworker/u8:2-loop0", "", 3, 0, 95e6, "host", 0, -1, 0));
        Report r = analyse(List.of(anomaly(4, SeriesKey.of("host_filesystem_used_percent", "mount", "/data"), 0, null, 97, 40, 60,
                "trend")), List.of(), Map.of(4L, ps));
        assertEquals(RuleRanker.EXHAUSTION, top(r).kind());
        assertEquals("/data", top(r).subject());
        assertTrue(top(r).evidence().contains("process:4:6161") && top(r).explanation().contains("written by filler (pid 6161)"),
                "the writer is named in the path's cause: " + top(r));
        assertTrue(r.evidence().stream().noneMatch(e -> e.subject().startsWith("kworker")), r.evidence().toString());
        assertTrue(r.causes().stream().noneMatch(c -> c.kind().equals(RuleRanker.PROCESS) && c.subject().equals("filler")),
                "and not again as a cause of its own: " + r.causes());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().startsWith("du -xh --max-depth=2 /data")), r.actions().toString());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().endsWith("-p 6161")), r.actions().toString());
    }

    /** On the root file system the directory the writer grows a file in is the subject; the mount is what runs out. */
    @Test
    void aFillingRootDiskNamesTheDirectoryTheWriterGrowsAFileIn() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(new IncidentFacts.ProcessSnapshot(6262, "exporter", "/opt/exporter/bin/exporter", 8, 40L << 20, 60e6, "host", 12,
                1024, 0, "/var/lib/exporter/dump/2026-12-01.csv (deleted)", 3L << 30));
        Report r = analyse(List.of(anomaly(5, SeriesKey.of("host_filesystem_used_percent", "mount", "/"), 0, null, 93, 40, 60,
                "trend")), List.of(), Map.of(5L, ps));
        assertEquals(RuleRanker.EXHAUSTION, top(r).kind());
        assertEquals("/var/lib/exporter/dump", top(r).subject(), top(r).toString());
        assertTrue(top(r).explanation().contains("disk space on / filling")
                && top(r).explanation().contains("into /var/lib/exporter/dump/2026-12-01.csv (deleted) (3221225472 bytes)"),
                top(r).explanation());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().startsWith("ls -l /proc/6262/fd | grep -F")), r.actions().toString());
        // a file on another mount than the one filling is not where it fills
        ps.set(ps.size() - 1, new IncidentFacts.ProcessSnapshot(6262, "exporter", "", 8, 40L << 20, 60e6, "host", 12, 1024, 0,
                "/srv/export.csv", 1L << 20));
        Report other = analyse(List.of(anomaly(5, SeriesKey.of("host_filesystem_used_percent", "mount", "/data"), 0, null, 93, 40, 60,
                "trend")), List.of(), Map.of(5L, ps));
        assertEquals("/data", top(other).subject(), top(other).toString());
    }

    @Test
    void aProcessLeakingFileDescriptorsIsWhatRunsOutNotTheCpuBusiest() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(4242, "burner", 60, 2, 0, "host")); // busy on CPU, few files: not the leak
        ps.add(new IncidentFacts.ProcessSnapshot(7171, "fdleak", "/usr/bin/fdleak", 0.1, 9L << 20, 0, "service=orders.service",
                1003, 1024, 0));
        Report r = analyse(List.of(anomaly(11, SeriesKey.of("host_open_files_max_percent"), 0, null, 98, 5, 12, "above band"),
                anomaly(12, SeriesKey.of("host_file_handles"), 2, null, 4100, 2900, 3100, "above band")), List.of(),
                Map.of(11L, ps, 12L, ps));
        assertEquals(RuleRanker.EXHAUSTION, top(r).kind(), r.causes().toString());
        assertEquals("orders.service", top(r).subject(), "named by its service: " + top(r));
        assertTrue(top(r).explanation().contains("fdleak (pid 7171) holds 1003 of its limit of 1024"), top(r).explanation());
        assertTrue(top(r).confidence() > 0.9, top(r).toString());
        assertTrue(r.causes().stream().noneMatch(c -> c.subject().equals("burner")), "the CPU-busiest is no cause: " + r.causes());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().contains("grep 'open files' /proc/7171/limits")), r.actions().toString());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().startsWith("journalctl -u orders.service")), r.actions().toString());
    }

    @Test
    void aScanNamesItsSource() {
        SeriesKey attack = SeriesKey.of("net_attack", "interface", "eth0", "kind", "port_scan", "source", "10.0.0.9",
                "target", "10.0.0.1");
        Report r = analyse(List.of(anomaly(5, attack, 0, 30, 1993, Double.NaN, Double.NaN, "PORT_SCAN 10.0.0.9 -> 10.0.0.1"),
                anomaly(6, SeriesKey.of("host_tcp_resets_per_second"), 5, 40, 300, 0, 5, "above band")), List.of(), Map.of());
        assertEquals(RuleRanker.EXTERNAL, top(r).kind());
        assertEquals("10.0.0.9", top(r).subject());
        assertTrue(top(r).evidence().contains("network:5"));
    }

    @Test
    void aContainerDyingAgainAndAgainIsTheChange() {
        List<IncidentFacts.StoredChange> changes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            changes.add(new IncidentFacts.StoredChange(40 + i, new Change(T0.minusSeconds(100 - 20L * i), ChangeKind.CONTAINER, "web",
                    "died with exit code 1", Map.of("exit_code", "1", "runtime", "docker"), "docker")));
        }
        changes.add(new IncidentFacts.StoredChange(50, new Change(T0.minusSeconds(200), ChangeKind.LOGIN, "alice",
                "logged in", Map.of(), "wtmp")));
        Report r = analyse(List.of(anomaly(8, SeriesKey.of("cgroup_cpu_percent", "container", "web"), 0, null, 90, 0, 10, "above band")),
                changes, Map.of());
        assertEquals(RuleRanker.CHANGE, top(r).kind());
        assertEquals("web", top(r).subject());
        assertTrue(r.actions().stream().anyMatch(a -> a.command().equals("docker logs --tail 200 web")), r.actions().toString());
    }

    @Test
    void aPackageInstalledJustBeforeIsTheChange() {
        List<IncidentFacts.StoredChange> changes = List.of(
                new IncidentFacts.StoredChange(60, new Change(T0.minusSeconds(40), ChangeKind.PACKAGE, "libssl3",
                        "upgraded 3.0.11 -> 3.0.13", Map.of("action", "upgrade"), "dpkg.log")),
                new IncidentFacts.StoredChange(61, new Change(T0.minusSeconds(290), ChangeKind.LOGIN, "root", "logged in", Map.of(), "wtmp")));
        Report r = analyse(List.of(anomaly(9, SeriesKey.of("host_tcp_connection_failures_per_second"), 0, null, 40, 0, 2, "above band")),
                changes, Map.of());
        assertEquals(RuleRanker.CHANGE, top(r).kind());
        assertEquals("libssl3", top(r).subject());
    }

    @Test
    void aNewProcessListeningOnANewPortIsOneCauseAheadOfTheBusiestByCpu() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(3000, "java", 40, 500, 0, "host"));
        List<IncidentFacts.StoredChange> changes = List.of(
                new IncidentFacts.StoredChange(70, new Change(T0.minusSeconds(6), ChangeKind.PROCESS, "rogue", "process started: pid 77",
                        Map.of("action", "started", "pid", "77"), "procfs")),
                new IncidentFacts.StoredChange(71, new Change(T0.minusSeconds(6), ChangeKind.SOCKET, "tcp/4444", "listening on tcp 4444 by rogue",
                        Map.of("action", "opened", "pid", "77", "process", "rogue", "port", "4444"), "procfs")));
        Report r = analyse(List.of(anomaly(5, SeriesKey.of("host_tcp_connections", "state", "established"), 0, null, 120, 10, 40,
                "above band")), changes, Map.of(5L, ps));
        assertEquals(RuleRanker.CHANGE, top(r).kind(), r.causes().toString());
        assertEquals("rogue", top(r).subject());
        assertEquals(List.of("change:70", "change:71"), top(r).evidence(), "the start and the socket, one cause");
        assertTrue(r.causes().stream().noneMatch(c -> c.subject().equals("tcp/4444")), r.causes().toString());
    }

    @Test
    void aCommandThatCameAndWentIsNotTheCauseOfWhatItInstalled() {
        List<IncidentFacts.StoredChange> changes = List.of(
                new IncidentFacts.StoredChange(80, new Change(T0.minusSeconds(5), ChangeKind.PROCESS, "dpkg", "process started: pid 90",
                        Map.of("action", "started", "pid", "90"), "procfs")),
                new IncidentFacts.StoredChange(81, new Change(T0.minusSeconds(4), ChangeKind.PACKAGE, "libfoo", "installed 1.0",
                        Map.of("action", "install"), "dpkg.log")),
                new IncidentFacts.StoredChange(82, new Change(T0.minusSeconds(1), ChangeKind.PROCESS, "dpkg", "process exited: pid 90",
                        Map.of("action", "exited", "pid", "90"), "procfs")));
        Report r = analyse(List.of(anomaly(9, SeriesKey.of("host_tcp_connection_failures_per_second"), 0, null, 40, 0, 2, "above band")),
                changes, Map.of());
        assertEquals("libfoo", top(r).subject(), r.causes().toString());
    }

    /**
     * By hand (a package, then a failing service, on a quiet host): a `sleep` started again and again during the
     * incident, listed idle in the snapshot, ranked ahead of the package; an idle process in a snapshot touches nothing.
     */
    @Test
    void anIdleProcessStartedDuringTheIncidentIsNotAheadOfThePackageBeforeIt() {
        List<IncidentFacts.ProcessSnapshot> ps = quietProcesses();
        ps.add(proc(5814, "sleep", 0, 1, 0, "host"));
        List<IncidentFacts.StoredChange> changes = new ArrayList<>(List.of(
                new IncidentFacts.StoredChange(90, new Change(T0.minusSeconds(2), ChangeKind.PACKAGE, "libbroken", "installed 1.0",
                        Map.of("action", "install"), "dpkg.log"))));
        for (int i = 0; i < 3; i++) {
            changes.add(new IncidentFacts.StoredChange(91 + i, new Change(T0.plusSeconds(3 + i), ChangeKind.PROCESS, "sleep",
                    "process started: pid " + (5810 + i), Map.of("action", "started", "pid", Integer.toString(5810 + i)), "procfs")));
        }
        Report r = analyse(List.of(anomaly(9, SeriesKey.of("host_tcp_connection_failures_per_second"), 0, null, 40, 0, 2, "above band")),
                changes, Map.of(9L, ps));
        assertEquals("libbroken", top(r).subject(), r.causes().toString());
    }

    @Test
    void shellWordsFromTheHostAreQuoted() {
        assertEquals("web-1", Actions.quote("web-1"));
        assertEquals("'a b'", Actions.quote("a b"));
        assertEquals("'x'\\''; rm -rf /'", Actions.quote("x'; rm -rf /"));
    }
}
