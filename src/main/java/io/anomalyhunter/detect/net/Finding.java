package io.anomalyhunter.detect.net;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An attributed network attack: what ({@code kind}), by whom ({@code sources}, capped for display, with the
 * full count in {@code sourceCount}), against what ({@code target}), on which ports, how much, when,
 * why ({@code evidence}) and how sure ({@code confidence}, 0-1).
 */
public record Finding(Kind kind, double confidence, List<String> sources, int sourceCount, String target,
                      List<Integer> ports, long packets, Instant firstSeen, Instant lastSeen, String evidence) {
    /**
     * The attacks the network collector recognises: by rule, or (CLASSIFIED_*) connections the traffic classifier
     * judged an attack of an NSL-KDD class; for those, {@code packets} counts connections.
     */
    public enum Kind {
        PORT_SCAN, SYN_FLOOD, REFLECTION, ARP_SPOOFING, BRUTE_FORCE,
        CLASSIFIED_DOS, CLASSIFIED_PROBE, CLASSIFIED_R2L, CLASSIFIED_U2R, CLASSIFIED_OTHER;

        /** What {@code packets} counts for this kind. */
        public String unit() {
            return name().startsWith("CLASSIFIED_") ? "connections" : "packets";
        }
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        sources = List.copyOf(sources);
        ports = List.copyOf(ports);
    }

    /** One line: "PORT_SCAN 172.16.0.8 -> 64.13.134.52 ports 1000 ... (confidence 0.95): evidence". */
    public String line() {
        return kind + " " + (sources.isEmpty() ? "?" : String.join(",", sources)
                + (sourceCount > sources.size() ? " (+" + (sourceCount - sources.size()) + " more)" : ""))
                + " -> " + target + (ports.isEmpty() ? "" : " ports " + summary(ports)) + ", " + packets + " " + kind.unit() + ", "
                + firstSeen + " to " + lastSeen + " (confidence " + String.format(java.util.Locale.ROOT, "%.2f", confidence)
                + "): " + evidence;
    }

    private static String summary(List<Integer> ports) {
        return ports.size() <= 5 ? ports.toString() : ports.subList(0, 5) + " and " + (ports.size() - 5) + " more";
    }
}
