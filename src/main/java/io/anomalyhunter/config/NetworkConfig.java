package io.anomalyhunter.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * collectors.network.*: live capture (interfaces, BPF filter, snaplen, promiscuous mode, kernel buffer),
 * the flow table's bounds and timeouts, and the attack detectors' thresholds.
 */
public record NetworkConfig(boolean enabled, List<String> interfaces, String filter, int snaplen, boolean promiscuous,
                            int bufferMb, int maxFlows, Duration flowIdleTimeout, Duration flowActiveTimeout,
                            Attacks attacks, Classifier classifier) {
    public NetworkConfig {
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(attacks, "attacks");
        Objects.requireNonNull(classifier, "classifier");
    }

    /**
     * collectors.network.classifier.*: whether finished connections go through the traffic classifier, and the
     * probability from which an attack class it answers becomes an attack finding.
     */
    public record Classifier(boolean enabled, double minConfidence) {
        /**
         * Calibrated probabilities, but calibrated where half the rows were attacks: a host sees far fewer, so an
         * alarm asks for more than a majority. On the shared captures, 0.5 gave one DoS answer among the normal
         * connections and 0.8 none, while a SYN flood's connections come out DoS at 0.83 and above (docs/models.md).
         */
        public static final Classifier DEFAULTS = new Classifier(true, 0.8);
    }

    /** collectors.network.attacks.*: when traffic counts as an attack (defaults for one ordinary host). */
    public record Attacks(Duration window, int scanMinPorts, int scanMinHosts, double scanMaxAnswered,
                          int floodMinSynsPerSecond, int reflectionMinPackets, int reflectionMinSources,
                          int bruteForceMinConnections) {
        /** For one ordinary host (a server seeing its own traffic); busy servers raise them in the config. */
        public static final Attacks DEFAULTS = new Attacks(Duration.ofSeconds(60), 20, 20, 0.5, 100, 20, 5, 10);
    }

    static final String PREFIX = "collectors.network.";
    static final int MAX_FILTER = 8192;

    static final List<String> KEYS = List.of("enabled", "interfaces", "filter", "snaplen", "promiscuous", "buffer_mb",
            "max_flows", "flow_idle_timeout", "flow_active_timeout", "attacks.window", "attacks.scan_min_ports",
            "attacks.scan_min_hosts", "attacks.scan_max_answered", "attacks.flood_min_syns_per_second",
            "attacks.reflection_min_packets", "attacks.reflection_min_sources", "attacks.brute_force_min_connections",
            "classifier.enabled", "classifier.min_confidence");

    static NetworkConfig read(ConfigValues v, java.util.function.Function<String, java.util.Optional<String>> filterProblem) {
        String p = PREFIX;
        String filter = v.text(p + "filter", "").strip();
        if (filter.length() > MAX_FILTER) {
            // libpcap's compiler takes seconds on long expressions; no real filter comes near this.
            v.problem(p + "filter", "is " + filter.length() + " characters; a capture filter may have at most " + MAX_FILTER);
        } else if (!filter.isEmpty()) {
            String shown = filter.length() > 80 ? filter.substring(0, 80) + "…" : filter;
            filterProblem.apply(filter).ifPresent(why -> v.problem(p + "filter", "'" + shown
                    + "' is not a valid capture filter (BPF, tcpdump syntax): " + why));
        }
        String names = v.text(p + "interfaces", "").strip();
        List<String> interfaces = names.isEmpty() ? List.of()
                : java.util.Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Attacks d = Attacks.DEFAULTS;
        Attacks attacks = new Attacks(
                v.duration(p + "attacks.window", d.window(), Duration.ofSeconds(1), Duration.ofHours(1)),
                v.integer(p + "attacks.scan_min_ports", d.scanMinPorts(), 2, 65535),
                v.integer(p + "attacks.scan_min_hosts", d.scanMinHosts(), 2, 1_000_000),
                v.number(p + "attacks.scan_max_answered", d.scanMaxAnswered(), 0.0, 1.0),
                v.integer(p + "attacks.flood_min_syns_per_second", d.floodMinSynsPerSecond(), 1, 100_000_000),
                v.integer(p + "attacks.reflection_min_packets", d.reflectionMinPackets(), 1, 100_000_000),
                v.integer(p + "attacks.reflection_min_sources", d.reflectionMinSources(), 1, 1_000_000),
                v.integer(p + "attacks.brute_force_min_connections", d.bruteForceMinConnections(), 2, 1_000_000));
        Duration idle = v.duration(p + "flow_idle_timeout", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(24));
        Duration active = v.duration(p + "flow_active_timeout", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofDays(7));
        return new NetworkConfig(v.bool(p + "enabled", true), interfaces, filter,
                v.integer(p + "snaplen", 512, 64, 262_144), v.bool(p + "promiscuous", false),
                v.integer(p + "buffer_mb", 4, 1, 1024), v.integer(p + "max_flows", 65_536, 16, 4_000_000), idle, active,
                attacks, new Classifier(v.bool(p + "classifier.enabled", Classifier.DEFAULTS.enabled()),
                        v.number(p + "classifier.min_confidence", Classifier.DEFAULTS.minConfidence(), 0.0, 1.0)));
    }
}
