package io.anomalyhunter.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** alerts.*: where alerts go (destinations), which incidents alert (rules), and how delivery retries. */
public record AlertsConfig(Retry retry, List<Destination> destinations, List<Rule> rules) {
    public AlertsConfig {
        Objects.requireNonNull(retry, "retry");
        destinations = List.copyOf(destinations);
        rules = List.copyOf(rules);
    }

    static AlertsConfig none() {
        return new AlertsConfig(Retry.DEFAULT, List.of(), List.of());
    }

    /** alerts.retry: exponential backoff from {@code initial} to {@code max}, then a dead letter. */
    public record Retry(int maxAttempts, Duration initial, Duration max) {
        static final Retry DEFAULT = new Retry(10, Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    /** At most {@code count} alerts per {@code per} to one destination; more wait (never dropped). */
    public record RateLimit(int count, Duration per) {
        static final RateLimit DEFAULT = new RateLimit(60, Duration.ofHours(1));
    }

    /** Alert severities, as the rule assigns them. */
    public enum Severity { INFO, WARNING, CRITICAL }

    /**
     * Which incidents alert. Every condition given must hold for one anomaly of the incident (none given:
     * every incident). {@code severity} is the alert's severity.
     */
    public record Rule(String name, Severity severity, Optional<String> metric, OptionalDouble above,
                       OptionalDouble minScore, OptionalDouble minConfidence, Optional<String> detector,
                       List<String> destinations) {
        public Rule {
            destinations = List.copyOf(destinations);
        }
    }

    /** A named place alerts go. */
    public sealed interface Destination {
        String name();

        RateLimit rateLimit();
    }

    /** Warning/error lines in the daemon's own log (journald under systemd). */
    public record Journal(String name, RateLimit rateLimit) implements Destination {
    }

    /**
     * TLS to a destination: the server's certificate must name the host we connect to (unless an operator turned
     * that off, which is logged at every start), and is checked against {@code caFile}'s certificates (PEM) or,
     * without one, the JDK's.
     */
    public record Tls(boolean verifyHostname, Optional<java.nio.file.Path> caFile) {
        public static final Tls DEFAULT = new Tls(true, Optional.empty());
    }

    /** RFC 5424 over UDP, TCP (RFC 6587 octet counting) or TLS. */
    public record Syslog(String name, RateLimit rateLimit, String host, int port, Transport transport,
                         String appName, Duration timeout, Tls tls) implements Destination {
        /** How syslog frames travel. */
        public enum Transport { UDP, TCP, TLS }

        public Syslog(String name, RateLimit rateLimit, String host, int port, Transport transport, String appName,
                      Duration timeout) {
            this(name, rateLimit, host, port, transport, appName, timeout, Tls.DEFAULT);
        }
    }

    /** Mail through an on-site relay. */
    public record Smtp(String name, RateLimit rateLimit, String host, int port, boolean starttls,
                       Optional<String> username, Optional<String> password, String from, List<String> to,
                       Duration timeout, Tls tls) implements Destination {
        public Smtp {
            to = List.copyOf(to);
        }

        public Smtp(String name, RateLimit rateLimit, String host, int port, boolean starttls, Optional<String> username,
                    Optional<String> password, String from, List<String> to, Duration timeout) {
            this(name, rateLimit, host, port, starttls, username, password, from, to, timeout, Tls.DEFAULT);
        }
    }

    /** A JSON POST; {@code secret} adds an HMAC-SHA256 signature header; {@code slack} a Slack/Mattermost body. */
    public record Webhook(String name, RateLimit rateLimit, URI url, Optional<String> secret, boolean slack,
                          Duration timeout) implements Destination {
    }

    /** A local command that reads the alert JSON on stdin. */
    public record Exec(String name, RateLimit rateLimit, List<String> command, Duration timeout) implements Destination {
        public Exec {
            command = List.copyOf(command);
        }
    }
}
