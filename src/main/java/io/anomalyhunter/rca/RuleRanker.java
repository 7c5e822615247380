package io.anomalyhunter.rca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rule-based analysis: candidate causes scored from the evidence alone, the first answer and the fallback of
 * the agents. Four kinds: an external source (a network attack), a process, service or container whose use of the
 * incident's first resource was highest when it opened, a change just before onset, and a resource running out
 * (disk space, memory, open files).
 * Scores are fixed rules, not learned; each cause cites the evidence it rests on. Pure.
 */
public final class RuleRanker {
    public static final String EXTERNAL = "external_source";
    public static final String PROCESS = "process";
    public static final String CHANGE = "change";
    public static final String EXHAUSTION = "resource_exhaustion";
    /** Causes in a report. */
    static final int TOP = 3;
    /** A percent metric at or above this is running out. */
    static final double NEARLY_FULL = 85;

    private RuleRanker() {
    }

    /** The report of one incident from its evidence. */
    public static Report analyse(IncidentFacts facts, List<Evidence> evidence, Instant now) {
        List<Report.Cause> candidates = new ArrayList<>();
        Map<String, Evidence> byId = new LinkedHashMap<>();
        evidence.forEach(e -> byId.put(e.id(), e));
        Optional<Evidence> first = evidence.stream().filter(e -> e.kind().equals(Evidence.ANOMALY))
                .filter(e -> Resource.of(e.facts().get("metric")) != Resource.MODEL).findFirst();
        Optional<Report.Cause> busiest = process(evidence, first);
        for (Evidence e : evidence) {
            switch (e.kind()) {
                case Evidence.NETWORK -> candidates.add(external(e));
                case Evidence.CHANGE -> candidates.add(change(e, facts.window(), evidence));
                case Evidence.ANOMALY -> exhaustion(e, evidence).ifPresent(candidates::add);
                default -> {
                }
            }
        }
        // A disk filling names its writer in its own cause (the path is what runs out, the process how), and open files
        // running out their holder: the busiest process is then not a cause of its own.
        boolean writerNamed = candidates.stream().anyMatch(c -> c.kind().equals(EXHAUSTION)
                && busiest.isPresent() && c.evidence().containsAll(busiest.get().evidence()));
        if (busiest.isPresent() && !writerNamed) {
            candidates.add(busiest.get());
        }
        corroborate(candidates, evidence);
        List<Report.Cause> ranked = rank(candidates);
        List<Report.Action> actions = new ArrayList<>();
        for (Report.Cause c : ranked) {
            actions.addAll(Actions.forCause(c, byId, facts.incident().start()));
        }
        String summary = ranked.isEmpty()
                ? "Incident " + facts.incident().id() + ": " + facts.incident().title() + ". No cause stands out in the evidence."
                : String.format(Locale.ROOT, "Incident %d: %s. Most likely: %s (confidence %.2f).", facts.incident().id(),
                        facts.incident().title(), ranked.get(0).explanation(), ranked.get(0).confidence());
        return new Report(facts.incident().id(), Report.RULES, null, summary, ranked, actions.stream().distinct().toList(),
                evidence, List.of(), now);
    }

    /** Highest confidence first; then kind and subject, so equal scores rank the same way every time. */
    static List<Report.Cause> rank(List<Report.Cause> candidates) {
        List<Report.Cause> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((Report.Cause c) -> -c.confidence()).thenComparing(Report.Cause::kind)
                .thenComparing(Report.Cause::subject));
        List<Report.Cause> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Report.Cause c : sorted) {
            if (out.size() < TOP && seen.add(c.kind() + "|" + c.subject())) {
                out.add(new Report.Cause(out.size() + 1, c.kind(), c.subject(), c.confidence(), c.evidence(), c.explanation()));
            }
        }
        return out;
    }

    private static Report.Cause external(Evidence e) {
        double confidence = clamp(0.55 + 0.4 * parse(e.facts().get("confidence"), 0.5));
        String kind = e.facts().getOrDefault("kind", "attack").replace('_', ' ');
        return new Report.Cause(0, EXTERNAL, e.subject(), confidence, List.of(e.id(), Evidence.ANOMALY + ":" + e.facts().get("anomaly")),
                String.format(Locale.ROOT, "%s from %s against %s [%s]", kind, e.subject(),
                        e.facts().getOrDefault("target", "this host"), e.id()));
    }

    /**
     * A change is likelier the closer it came before onset and the more of the incident it touches (its subject named
     * in a series or by a busy process). Several changes of one subject (a container dying again and again) count more.
     */
    private static Report.Cause change(Evidence e, Duration window, List<Evidence> all) {
        long before = parse(e.facts().get("seconds_before_onset"), 0).longValue();
        double recency = before < 0 ? 0.6 : Math.max(0, 1 - before / (double) Math.max(1, window.toSeconds()));
        String subject = e.subject();
        // a process only touches what it changed while it is doing something: an idle `sleep` listed in a snapshot
        // (a quiet host's 15 busiest include idle ones) said nothing about its start
        boolean touches = all.stream().anyMatch(x -> !x.id().equals(e.id()) && !x.kind().equals(Evidence.CHANGE)
                && (!x.kind().equals(Evidence.PROCESS) || active(x))
                && (x.subject().contains(subject) || x.facts().containsValue(subject)
                || x.facts().getOrDefault("owner", "").endsWith("=" + subject)));
        // the same thing happening again (a container dying again and again), not a start and its exit
        String action = e.facts().getOrDefault("action", "");
        long repeats = all.stream().filter(x -> x.kind().equals(Evidence.CHANGE) && x.subject().equals(subject)
                && x.facts().getOrDefault("action", "").equals(action)).count();
        String kind = e.facts().getOrDefault("change_kind", "");
        double weight = switch (kind) {
            case "package", "config", "unit", "container", "oom" -> 0.2;
            case "process", "socket" -> 0.1;
            default -> 0.05;
        };
        if (transientProcess(e, all)) {
            weight = -0.15; // a command that came and went in the window (dpkg, a shell) is how a change was made
        }
        double confidence = clamp(0.25 + 0.3 * recency + weight + (touches ? 0.2 : 0) + Math.min(0.15, 0.05 * (repeats - 1)));
        return new Report.Cause(0, CHANGE, subject, confidence, List.of(e.id()), String.format(Locale.ROOT,
                "%s %s%s [%s]", kind, e.summary(), before >= 0 ? ", " + before + " s before onset" : ", during the incident", e.id()));
    }

    /**
     * A resource running out. Disk space whose use left its band is filling, whatever its level (a disk is found
     * filling before it is full), and the busiest writer when it opened is named in the cause; memory counts from
     * {@link #NEARLY_FULL} percent.
     */
    private static Optional<Report.Cause> exhaustion(Evidence e, List<Evidence> all) {
        String metric = e.facts().getOrDefault("metric", "");
        Resource r = Resource.of(metric);
        if (r == Resource.OPEN_FILES) {
            return Optional.of(openFiles(e, all));
        }
        if (!metric.endsWith("percent") || (r != Resource.DISK_SPACE && r != Resource.MEMORY)) {
            return Optional.empty();
        }
        double peak = parse(e.facts().get("peak"), 0);
        if (r == Resource.MEMORY && peak < NEARLY_FULL) {
            return Optional.empty();
        }
        if (r == Resource.DISK_SPACE) {
            String path = e.facts().getOrDefault("mount", e.facts().getOrDefault("path", e.subject()));
            List<String> cited = new ArrayList<>(List.of(e.id()));
            String anomaly = e.id().substring(e.id().indexOf(':') + 1);
            Optional<Evidence> writer = all.stream().filter(x -> x.kind().equals(Evidence.PROCESS)
                    && anomaly.equals(x.facts().get("anomaly")) && use(x, Resource.DISK_IO) > 0).findFirst();
            writer.ifPresent(w -> cited.add(w.id()));
            Optional<String> file = writer.map(w -> w.facts().getOrDefault("written_file", "")).filter(f -> under(f, path));
            // the directory it grows in is where to act; the mount is what runs out
            String where = file.map(RuleRanker::directoryOf).orElse(path);
            return Optional.of(new Report.Cause(0, EXHAUSTION, where, clamp(0.55 + 0.4 * peak / 100), cited, String.format(Locale.ROOT,
                    "disk space on %s filling: %.0f %% used [%s]%s", path, peak, e.id(), writer.map(w -> String.format(Locale.ROOT,
                            ", written by %s (pid %s) at %s B/s%s [%s]", w.subject(), w.facts().get("pid"),
                            w.facts().get("io_bytes_per_second"), file.map(f -> String.format(Locale.ROOT, " into %s (%s bytes)", f,
                                    w.facts().getOrDefault("written_file_bytes", "unknown"))).orElse(""), w.id())).orElse(""))));
        }
        String subject = e.facts().getOrDefault("container", e.facts().getOrDefault("service", "memory"));
        double confidence = clamp(0.5 + 0.45 * (peak - NEARLY_FULL) / (100 - NEARLY_FULL));
        return Optional.of(new Report.Cause(0, EXHAUSTION, subject, confidence, List.of(e.id()), String.format(Locale.ROOT,
                "memory at %.0f %% on %s [%s]", peak, subject, e.id())));
    }

    /** Whether {@code file} lies under the mount point {@code mount}. */
    static boolean under(String file, String mount) {
        return !file.isEmpty() && (mount.equals("/") ? file.startsWith("/") : file.equals(mount) || file.startsWith(mount + "/"));
    }

    /** The directory holding {@code file} ("/" for a file at the root); a deleted file's " (deleted)" is dropped first. */
    static String directoryOf(String file) {
        String f = file.endsWith(" (deleted)") ? file.substring(0, file.length() - " (deleted)".length()) : file;
        int slash = f.lastIndexOf('/');
        return slash <= 0 ? "/" : f.substring(0, slash);
    }

    /**
     * Open files running out, at any level (a leak is found before its limit): the process holding the largest share
     * of its limit when the anomaly opened is what runs out, named by its service or container where it has one.
     */
    private static Report.Cause openFiles(Evidence e, List<Evidence> all) {
        String anomaly = e.id().substring(e.id().indexOf(':') + 1);
        Optional<Evidence> holder = all.stream().filter(x -> x.kind().equals(Evidence.PROCESS)
                && anomaly.equals(x.facts().get("anomaly")) && use(x, Resource.OPEN_FILES) > 0).findFirst();
        if (holder.isEmpty()) {
            return new Report.Cause(0, EXHAUSTION, "open files", 0.45, List.of(e.id()), String.format(Locale.ROOT,
                    "open files rising: %s at %s [%s]", e.subject(), e.facts().get("peak"), e.id()));
        }
        Evidence h = holder.get();
        double share = use(h, Resource.OPEN_FILES);
        return new Report.Cause(0, EXHAUSTION, subjectOf(h), clamp(0.55 + 0.4 * share), List.of(e.id(), h.id()),
                String.format(Locale.ROOT, "open files running out: %s (pid %s) holds %s of its limit of %s (%.0f %%) as %s "
                        + "rises [%s] [%s]", h.subject(), h.facts().get("pid"), h.facts().get("open_files"),
                        h.facts().get("open_files_limit"), 100 * share, e.subject(), e.id(), h.id()));
    }

    /** A process evidence's name for a cause: its container or service where it runs in one, else the process name. */
    private static String subjectOf(Evidence p) {
        String owner = p.facts().getOrDefault("owner", "host");
        return owner.startsWith("container=") || owner.startsWith("service=") ? owner.substring(owner.indexOf('=') + 1)
                : p.subject();
    }

    /** A process change of a process that both started and exited in the window: a passing command. */
    private static boolean transientProcess(Evidence e, List<Evidence> all) {
        String pid = e.facts().get("pid");
        if (!e.facts().getOrDefault("change_kind", "").equals("process") || pid == null) {
            return false;
        }
        long seen = all.stream().filter(x -> x.kind().equals(Evidence.CHANGE) && pid.equals(x.facts().get("pid"))
                && x.subject().equals(e.subject())).map(x -> x.facts().getOrDefault("action", "")).distinct().count();
        return seen >= 2;
    }

    /**
     * Facts that tell one story are one cause, not several: a socket opened by a process that started in the window
     * is that new process listening; a process that started just before onset and was then the busiest (or the disk's
     * writer) is that cause. The merged cause cites both and gains from the agreement; the change is dropped.
     */
    private static void corroborate(List<Report.Cause> candidates, List<Evidence> evidence) {
        Map<String, Evidence> byId = new LinkedHashMap<>();
        evidence.forEach(e -> byId.put(e.id(), e));
        for (Report.Cause socket : List.copyOf(candidates)) {
            Evidence opened = changeOf(socket, byId, "socket");
            if (opened == null || !opened.facts().getOrDefault("action", "").equals("opened")) {
                continue;
            }
            startOf(candidates, byId, opened.facts().get("pid")).ifPresent(start -> merge(candidates, start, socket,
                    start.explanation() + "; " + socket.explanation()));
        }
        for (Report.Cause user : List.copyOf(candidates)) {
            if (user.kind().equals(CHANGE) || !candidates.contains(user)) {
                continue;
            }
            user.evidence().stream().map(byId::get).filter(e -> e != null && e.kind().equals(Evidence.PROCESS)).findFirst()
                    .flatMap(p -> startOf(candidates, byId, p.facts().get("pid")))
                    .ifPresent(start -> merge(candidates, user, start, user.explanation() + "; " + start.explanation()));
        }
    }

    /** The change cause of a process started with that pid. */
    private static Optional<Report.Cause> startOf(List<Report.Cause> candidates, Map<String, Evidence> byId, String pid) {
        return pid == null ? Optional.empty() : candidates.stream().filter(c -> {
            Evidence e = changeOf(c, byId, "process");
            return e != null && pid.equals(e.facts().get("pid")) && e.facts().getOrDefault("action", "").contains("start");
        }).findFirst();
    }

    /** The change a change cause rests on, if it is of that kind. */
    private static Evidence changeOf(Report.Cause c, Map<String, Evidence> byId, String changeKind) {
        if (!c.kind().equals(CHANGE) || c.evidence().isEmpty()) {
            return null;
        }
        Evidence e = byId.get(c.evidence().get(0));
        return e != null && e.facts().getOrDefault("change_kind", "").equals(changeKind) ? e : null;
    }

    /** {@code kept} takes {@code absorbed}'s evidence and place, with the better confidence and 0.1 for the agreement. */
    private static void merge(List<Report.Cause> candidates, Report.Cause kept, Report.Cause absorbed, String explanation) {
        List<String> cited = new ArrayList<>(kept.evidence());
        absorbed.evidence().stream().filter(id -> !cited.contains(id)).forEach(cited::add);
        candidates.remove(absorbed);
        candidates.set(candidates.indexOf(kept), new Report.Cause(0, kept.kind(), kept.subject(), clamp(Math.max(kept.confidence(), absorbed.confidence()) + 0.1),
                        cited, explanation));
    }

    /**
     * The busiest process of the first anomaly that has a snapshot, named by its container or service where it runs
     * in one; likelier the more it stands out from the next and the earlier its anomaly moved.
     */
    private static Optional<Report.Cause> process(List<Evidence> evidence, Optional<Evidence> first) {
        List<Evidence> processes = evidence.stream().filter(e -> e.kind().equals(Evidence.PROCESS)).toList();
        if (processes.isEmpty()) {
            return Optional.empty();
        }
        String anomaly = processes.get(0).facts().get("anomaly");
        List<Evidence> same = processes.stream().filter(p -> p.facts().get("anomaly").equals(anomaly)).toList();
        Evidence top = same.get(0);
        Evidence anomalyEvidence = evidence.stream().filter(e -> e.id().equals(Evidence.ANOMALY + ":" + anomaly)).findFirst()
                .orElse(top);
        String resource = anomalyEvidence.facts().get("resource");
        Resource r = resource != null ? Resource.valueOf(resource.toUpperCase(Locale.ROOT))
                : Resource.of(anomalyEvidence.facts().getOrDefault("metric", ""));
        double topUse = use(top, r);
        double next = same.size() > 1 ? use(same.get(1), r) : 0;
        double standsOut = topUse <= 0 ? 0 : (topUse - next) / topUse;
        boolean firstMover = first.map(f -> f.id().equals(anomalyEvidence.id())).orElse(false);
        // Network and other resources have no per-process figure: the busiest by CPU is a weak lead there.
        boolean measured = r == Resource.CPU || r == Resource.MEMORY || r == Resource.DISK_IO || r == Resource.DISK_SPACE
                || r == Resource.OPEN_FILES;
        double confidence = measured ? clamp(0.35 + 0.35 * standsOut + (firstMover ? 0.15 : 0))
                : clamp(0.25 + 0.25 * standsOut + (firstMover ? 0.1 : 0));
        String owner = top.facts().getOrDefault("owner", "host");
        return Optional.of(new Report.Cause(0, PROCESS, subjectOf(top), confidence, List.of(top.id(), anomalyEvidence.id()),
                String.format(Locale.ROOT, "%s (pid %s%s) was the busiest by %s when %s opened [%s]", top.subject(),
                        top.facts().get("pid"), owner.equals("host") ? "" : ", " + owner, r.name().toLowerCase(Locale.ROOT)
                                .replace('_', ' '), anomalyEvidence.subject(), top.id())));
    }

    /** A process seen doing something in its snapshot: a CPU share, disk traffic or a growing memory. */
    private static boolean active(Evidence p) {
        return parse(p.facts().get("cpu_percent"), 0) >= 1 || parse(p.facts().get("io_bytes_per_second"), 0) > 0
                || parse(p.facts().get("rss_growth_bytes_per_second"), 0) > 0;
    }

    private static double use(Evidence p, Resource r) {
        return switch (r) {
            case MEMORY -> parse(p.facts().get("rss_bytes"), 0) + 60 * Math.max(0, parse(p.facts().get("rss_growth_bytes_per_second"), 0));
            case DISK_IO, DISK_SPACE -> parse(p.facts().get("io_bytes_per_second"), 0);
            case OPEN_FILES -> {
                double limit = parse(p.facts().get("open_files_limit"), 0);
                yield limit <= 0 ? 0 : Math.min(1, Math.max(0, parse(p.facts().get("open_files"), 0)) / limit);
            }
            default -> parse(p.facts().get("cpu_percent"), 0);
        };
    }

    private static Double parse(String s, double otherwise) {
        try {
            return s == null ? otherwise : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
