package io.anomalyhunter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** The whole validated configuration; {@code source} says where it came from (a file or "embedded defaults"). */
public record AppConfig(String source, Detection detection, Retention retention, Storage storage, Http http,
                        Collectors collectors, List<PinnedThreshold> metrics, Llm llm, AlertsConfig alerts) {

    public AppConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(collectors, "collectors");
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(llm, "llm");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** detection.*: how often to sample and how detectors decide. */
    public record Detection(Duration interval, Sensitivity sensitivity, Duration learningPeriod, double minConfidence,
                            Duration correlationWindow, HostModel hostModel) {
    }

    /**
     * detection.host_model.*: the isolation forest over this host's whole feature vector, trained after the
     * learning period and again every {@code retrainInterval}.
     */
    public record HostModel(boolean enabled, Duration retrainInterval) {
        public static final HostModel DEFAULTS = new HostModel(true, Duration.ofDays(1));
    }

    /** retention.*: how long raw samples and 1-minute rollups are kept. */
    public record Retention(Duration raw, Duration maxAge) {
    }

    /**
     * storage.*: the SQLite database file, and the free space to keep on its disk: below it, raw samples and
     * rollups are shed (counted) while anomalies, incidents and their alerts are still written.
     */
    public record Storage(Path path, long minFree) {
    }

    /**
     * http.*: where the API and UI listen, the names they answer to (besides the listening address, localhost
     * and this host's names), and how many connections may be open and for how long.
     */
    public record Http(String host, int port, List<String> allowedHosts, int maxConnections, Duration requestTimeout,
                       Duration idleTimeout) {
        public Http {
            allowedHosts = List.copyOf(allowedHosts);
        }

        /** The defaults for everything but where to listen. */
        public Http(String host, int port) {
            this(host, port, List.of(), DEFAULT_MAX_CONNECTIONS, Duration.ofSeconds(30), Duration.ofSeconds(60));
        }

        public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    }

    /** collectors.*: which collectors run. */
    public record Collectors(boolean hostEnabled, boolean cgroupsEnabled, Runtime docker, Runtime podman,
                             NetworkConfig network) {
    }

    /** A container runtime's API: whether we ask it, and on which unix socket. */
    public record Runtime(boolean enabled, Path socket) {
    }

    /**
     * models.llm.*: the GGUF model of the root-cause agents (none: rule-based reports) and its worker's limits: CPU
     * threads, context and answer length in tokens, the time one agent's answer may take, and the attempts a report
     * gets before it falls back to the rules.
     */
    public record Llm(Optional<Path> model, int threads, int context, int maxTokens, Duration timeout, int attempts) {
        public static final Llm DEFAULTS = new Llm(Optional.empty(), Math.max(1, Math.min(4, java.lang.Runtime.getRuntime().availableProcessors() / 2)),
                4096, 1024, Duration.ofSeconds(120), 3);

        public Llm {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(timeout, "timeout");
        }

        public Llm withModel(Optional<Path> m) {
            return new Llm(m, threads, context, maxTokens, timeout, attempts);
        }
    }

    /** A static threshold an operator pinned on a metric; fires from the first sample, learning or not. */
    public record PinnedThreshold(String metric, Map<String, String> labels, OptionalDouble above, OptionalDouble below) {
        public PinnedThreshold {
            Objects.requireNonNull(metric, "metric");
            labels = Map.copyOf(labels);
        }

        /** True when this pin applies to a series of that metric with those labels (pin labels are a subset). */
        public boolean matches(String seriesMetric, Map<String, String> seriesLabels) {
            if (!metric.equals(seriesMetric)) {
                return false;
            }
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getValue().equals(seriesLabels.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
    }
}
