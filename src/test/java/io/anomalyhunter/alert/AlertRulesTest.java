package io.anomalyhunter.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.config.AlertsConfig;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    static final Anomaly CPU = new Anomaly(1, SeriesKey.of("host_cpu_percent", "mode", "total"), "baseline", T, null, 97, T,
            5, 30, 0.99, 0.9, "high");
    static final Anomaly DISK = new Anomaly(2, SeriesKey.of("host_filesystem_used_percent", "mount", "/"), "threshold", T,
            null, 91, T, 0, 90, 0.6, 1.0, "pinned");

    static AlertsConfig.Rule rule(String name, AlertsConfig.Severity sev, String metric, Double above, Double minScore,
                                  String detector, String... to) {
        return new AlertsConfig.Rule(name, sev, Optional.ofNullable(metric),
                above == null ? OptionalDouble.empty() : OptionalDouble.of(above),
                minScore == null ? OptionalDouble.empty() : OptionalDouble.of(minScore), OptionalDouble.empty(),
                Optional.ofNullable(detector), List.of(to));
    }

    @Test
    void allConditionsMustHoldForOneAnomaly() {
        AlertRules rules = new AlertRules(List.of(
                rule("cpu-over-95", AlertsConfig.Severity.CRITICAL, "host_cpu_percent", 95.0, null, null, "mail"),
                rule("cpu-over-99", AlertsConfig.Severity.CRITICAL, "host_cpu_percent", 99.0, null, null, "pager"),
                // score from one anomaly, detector from another: no match
                rule("strong-threshold", AlertsConfig.Severity.WARNING, null, null, 0.9, "threshold", "chat")));
        assertEquals(List.of(new AlertRules.Route("mail", AlertsConfig.Severity.CRITICAL, List.of("cpu-over-95"))),
                rules.route(List.of(CPU, DISK)));
    }

    @Test
    void oneAlertPerDestinationAtTheHighestSeverity() {
        AlertRules rules = new AlertRules(List.of(
                rule("any", AlertsConfig.Severity.INFO, null, null, null, null, "chat", "mail"),
                rule("disk", AlertsConfig.Severity.CRITICAL, "host_filesystem_used_percent", null, null, "threshold", "mail")));
        assertEquals(List.of(new AlertRules.Route("chat", AlertsConfig.Severity.INFO, List.of("any")),
                new AlertRules.Route("mail", AlertsConfig.Severity.CRITICAL, List.of("any", "disk"))),
                rules.route(List.of(DISK)));
        assertEquals(2, rules.route(List.of()).size(), "a rule without conditions matches any incident");
    }

    @Test
    void rateLimiterDelaysTheThirdSendInTheWindow() {
        RateLimiter limiter = new RateLimiter(new AlertsConfig.RateLimit(2, Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), limiter.acquire(0));
        assertEquals(Optional.empty(), limiter.acquire(1_000));
        assertEquals(Optional.of(Duration.ofMillis(9_000)), limiter.acquire(1_000));
        assertEquals(Optional.empty(), limiter.acquire(10_000));
    }
}
