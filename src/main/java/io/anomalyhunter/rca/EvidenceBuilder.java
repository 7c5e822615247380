package io.anomalyhunter.rca;

import io.anomalyhunter.detect.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence of an incident, deterministically and without I/O: its anomalies in onset order (the first mover
 * first) with their shape and deviation; network attacks and model explanations among them; the changes from
 * one correlation window before onset to the incident's end; and the busiest processes when the first anomalies
 * opened. Each item has a stable id built from the store's ids, so an analysis can cite it and a reader find it.
 */
public final class EvidenceBuilder {
    /** Processes kept from a snapshot: the top of the resource its anomaly is about. */
    static final int PROCESSES = 5;
    /** An anomaly over within this long is a spike; longer, a level shift (unless its detector says otherwise). */
    static final Duration SPIKE = Duration.ofMinutes(1);

    private EvidenceBuilder() {
    }

    public static List<Evidence> build(IncidentFacts f) {
        List<Evidence> out = new ArrayList<>();
        List<Anomaly> byOnset = new ArrayList<>(f.anomalies());
        byOnset.sort(Comparator.comparing(Anomaly::start).thenComparing(a -> -deviation(a)).thenComparingLong(Anomaly::id));
        for (int rank = 0; rank < byOnset.size(); rank++) {
            Anomaly a = byOnset.get(rank);
            out.add(anomaly(a, rank + 1));
            Resource r = Resource.of(a.series().metric());
            if (r == Resource.ATTACK) {
                out.add(network(a));
            } else if (r == Resource.MODEL) {
                out.add(new Evidence(Evidence.MODEL + ":" + a.id(), Evidence.MODEL, a.start(), a.series().text(),
                        a.reason(), Map.of("anomaly", Long.toString(a.id()))));
            }
        }
        Instant onset = f.incident().start();
        for (IncidentFacts.StoredChange c : f.changes()) {
            Map<String, String> facts = new LinkedHashMap<>(c.change().details());
            facts.put("change_kind", c.change().kind().name().toLowerCase(Locale.ROOT));
            facts.put("source", c.change().source());
            facts.put("seconds_before_onset", Long.toString(Duration.between(c.change().time(), onset).toSeconds()));
            out.add(new Evidence(Evidence.CHANGE + ":" + c.id(), Evidence.CHANGE, c.change().time(), c.change().subject(),
                    c.change().summary(), facts));
        }
        for (Anomaly a : byOnset) {
            List<IncidentFacts.ProcessSnapshot> snapshot = f.snapshots().get(a.id());
            if (snapshot == null) {
                continue;
            }
            Resource r = Resource.of(a.series().metric(), a.reason());
            // kernel threads (no command line) work for others: a loop device's kworker writes for the process
            // filling it, kswapd reclaims for the one growing; naming them would hide the cause
            snapshot.stream().filter(p -> !p.commandLine().isEmpty())
                    .sorted(Comparator.comparingDouble((IncidentFacts.ProcessSnapshot p) -> -usage(p, r))
                            .thenComparingInt(IncidentFacts.ProcessSnapshot::pid)).limit(PROCESSES)
                    .forEach(p -> out.add(process(a, p)));
        }
        return List.copyOf(out);
    }

    /** How much of a resource a process used, for ranking a snapshot by the resource its anomaly is about. */
    static double usage(IncidentFacts.ProcessSnapshot p, Resource r) {
        return switch (r) {
            case MEMORY -> p.rssInAMinute();
            case DISK_IO, DISK_SPACE -> p.ioBytesPerSecond();
            case OPEN_FILES -> p.openFilesShare();
            default -> p.cpuPercent();
        };
    }

    /** How far the peak lay outside the expected band, in band widths (the score where there was no band). */
    static double deviation(Anomaly a) {
        double lo = a.expectedLow();
        double hi = a.expectedHigh();
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return a.score();
        }
        double width = Math.max(hi - lo, Math.max(Math.abs(hi) * 0.01, 1e-9));
        double out = a.peakValue() > hi ? a.peakValue() - hi : a.peakValue() < lo ? lo - a.peakValue() : 0;
        return out / width;
    }

    /** Spike, level shift, trend or variance change: the detector's word where it gives one, else by duration. */
    static String shape(Anomaly a) {
        String reason = a.reason().toLowerCase(Locale.ROOT);
        if (reason.contains("trend")) {
            return "trend";
        }
        if (reason.contains("varian") || reason.contains("spread")) {
            return "variance change";
        }
        if (reason.contains("level") || reason.contains("shift")) {
            return "level shift";
        }
        return a.end() != null && Duration.between(a.start(), a.end()).compareTo(SPIKE) <= 0 ? "spike" : "level shift";
    }

    private static Evidence anomaly(Anomaly a, int onsetRank) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("metric", a.series().metric());
        a.series().labels().forEach(facts::put);
        facts.put("detector", a.detector());
        facts.put("resource", Resource.of(a.series().metric(), a.reason()).name().toLowerCase(Locale.ROOT));
        facts.put("onset_rank", Integer.toString(onsetRank));
        facts.put("start", a.start().toString());
        facts.put("end", a.end() == null ? "open" : a.end().toString());
        facts.put("peak", number(a.peakValue()));
        facts.put("expected", Double.isNaN(a.expectedLow()) ? "unknown" : number(a.expectedLow()) + " .. " + number(a.expectedHigh()));
        facts.put("shape", shape(a));
        facts.put("deviation", String.format(Locale.ROOT, "%.2f", deviation(a)));
        facts.put("score", String.format(Locale.ROOT, "%.2f", a.score()));
        facts.put("confidence", String.format(Locale.ROOT, "%.2f", a.confidence()));
        String summary = String.format(Locale.ROOT, "%s %s: peak %s, expected %s (%s)", a.series().text(), shape(a),
                number(a.peakValue()), facts.get("expected"), a.reason());
        return new Evidence(Evidence.ANOMALY + ":" + a.id(), Evidence.ANOMALY, a.start(), a.series().text(), summary, facts);
    }

    private static Evidence network(Anomaly a) {
        Map<String, String> labels = a.series().labels();
        Map<String, String> facts = new LinkedHashMap<>(labels);
        facts.put("anomaly", Long.toString(a.id()));
        facts.put("confidence", String.format(Locale.ROOT, "%.2f", a.confidence()));
        return new Evidence(Evidence.NETWORK + ":" + a.id(), Evidence.NETWORK, a.start(), labels.getOrDefault("source", "unknown"),
                a.reason(), facts);
    }

    private static Evidence process(Anomaly a, IncidentFacts.ProcessSnapshot p) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("pid", Integer.toString(p.pid()));
        facts.put("name", p.name());
        facts.put("command", p.commandLine());
        facts.put("owner", p.owner());
        facts.put("cpu_percent", String.format(Locale.ROOT, "%.1f", p.cpuPercent()));
        facts.put("rss_bytes", Long.toString(p.rssBytes()));
        facts.put("rss_growth_bytes_per_second", number(p.rssGrowthBytesPerSecond()));
        facts.put("io_bytes_per_second", p.ioBytesPerSecond() < 0 ? "unknown" : number(p.ioBytesPerSecond()));
        facts.put("open_files", p.openFiles() < 0 ? "unknown" : Long.toString(p.openFiles()));
        facts.put("open_files_limit", p.openFilesLimit() <= 0 ? "unknown" : Long.toString(p.openFilesLimit()));
        if (!p.writtenFile().isEmpty()) {
            facts.put("written_file", p.writtenFile());
            facts.put("written_file_bytes", p.writtenFileBytes() < 0 ? "unknown" : Long.toString(p.writtenFileBytes()));
        }
        facts.put("anomaly", Long.toString(a.id()));
        String files = p.openFiles() < 0 ? "" : p.openFilesLimit() > 0
                ? String.format(Locale.ROOT, ", %d of %d open files", p.openFiles(), p.openFilesLimit())
                : String.format(Locale.ROOT, ", %d open files", p.openFiles());
        String writing = p.writtenFile().isEmpty() ? "" : String.format(Locale.ROOT, ", writing %s (%d MB)", p.writtenFile(),
                Math.max(0, p.writtenFileBytes()) >> 20);
        String summary = String.format(Locale.ROOT, "%s (pid %d, %s): %.1f %% CPU, %d MB resident%s%s when %s opened", p.name(),
                p.pid(), p.owner(), p.cpuPercent(), p.rssBytes() >> 20, files, writing, a.series().text());
        return new Evidence(Evidence.PROCESS + ":" + a.id() + ":" + p.pid(), Evidence.PROCESS, a.start(), p.name(), summary, facts);
    }

    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        return Math.abs(x) >= 100 || x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }
}
