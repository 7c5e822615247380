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
 * incident's first resource was highest when it opened, a change just before onset, and a resource running out.
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
        for (Evidence e : evidence) {
            switch (e.kind()) {
                case Evidence.NETWORK -> candidates.add(external(e));
                case Evidence.CHANGE -> candidates.add(change(e, facts.window(), evidence));
                case Evidence.ANOMALY -> exhaustion(e).ifPresent(candidates::add);
                default -> {
                }
            }
        }
        process(evidence, first).ifPresent(candidates::add);
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
        boolean touches = all.stream().anyMatch(x -> !x.id().equals(e.id()) && !x.kind().equals(Evidence.CHANGE)
                && (x.subject().contains(subject) || x.facts().containsValue(subject)
                || x.facts().getOrDefault("owner", "").endsWith("=" + subject)));
        long repeats = all.stream().filter(x -> x.kind().equals(Evidence.CHANGE) && x.subject().equals(subject)).count();
        String kind = e.facts().getOrDefault("change_kind", "");
        double weight = switch (kind) {
            case "package", "config", "unit", "container", "oom" -> 0.15;
            case "process", "socket" -> 0.1;
            default -> 0.05;
        };
        double confidence = clamp(0.25 + 0.3 * recency + weight + (touches ? 0.2 : 0) + Math.min(0.15, 0.05 * (repeats - 1)));
        return new Report.Cause(0, CHANGE, subject, confidence, List.of(e.id()), String.format(Locale.ROOT,
                "%s %s%s [%s]", kind, e.summary(), before >= 0 ? ", " + before + " s before onset" : ", during the incident", e.id()));
    }

    /** A percent of space or memory at or above {@link #NEARLY_FULL}: the path (mount) or memory running out. */
    private static Optional<Report.Cause> exhaustion(Evidence e) {
        String metric = e.facts().getOrDefault("metric", "");
        Resource r = Resource.of(metric);
        if (!metric.endsWith("percent") || (r != Resource.DISK_SPACE && r != Resource.MEMORY)) {
            return Optional.empty();
        }
        double peak = parse(e.facts().get("peak"), 0);
        if (peak < NEARLY_FULL) {
            return Optional.empty();
        }
        String subject = r == Resource.DISK_SPACE ? e.facts().getOrDefault("mount", e.facts().getOrDefault("path", e.subject()))
                : e.facts().getOrDefault("container", e.facts().getOrDefault("service", "memory"));
        double confidence = clamp(0.5 + 0.45 * (peak - NEARLY_FULL) / (100 - NEARLY_FULL));
        return Optional.of(new Report.Cause(0, EXHAUSTION, subject, confidence, List.of(e.id()), String.format(Locale.ROOT,
                "%s at %.0f %% on %s [%s]", r == Resource.DISK_SPACE ? "disk space" : "memory", peak, subject, e.id())));
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
        Resource r = Resource.of(anomalyEvidence.facts().getOrDefault("metric", ""));
        double topUse = use(top, r);
        double next = same.size() > 1 ? use(same.get(1), r) : 0;
        double standsOut = topUse <= 0 ? 0 : (topUse - next) / topUse;
        boolean firstMover = first.map(f -> f.id().equals(anomalyEvidence.id())).orElse(false);
        double confidence = clamp(0.35 + 0.35 * standsOut + (firstMover ? 0.15 : 0));
        String owner = top.facts().getOrDefault("owner", "host");
        String subject = owner.startsWith("container=") || owner.startsWith("service=") ? owner.substring(owner.indexOf('=') + 1)
                : top.subject();
        return Optional.of(new Report.Cause(0, PROCESS, subject, confidence, List.of(top.id(), anomalyEvidence.id()),
                String.format(Locale.ROOT, "%s (pid %s%s) was the busiest by %s when %s opened [%s]", top.subject(),
                        top.facts().get("pid"), owner.equals("host") ? "" : ", " + owner, r.name().toLowerCase(Locale.ROOT)
                                .replace('_', ' '), anomalyEvidence.subject(), top.id())));
    }

    private static double use(Evidence p, Resource r) {
        return switch (r) {
            case MEMORY -> parse(p.facts().get("rss_bytes"), 0);
            case DISK_IO, DISK_SPACE -> parse(p.facts().get("io_bytes_per_second"), 0);
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
