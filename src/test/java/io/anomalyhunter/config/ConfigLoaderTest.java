package io.anomalyhunter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final Path DIR = Path.of("src/test/resources/testdata/config");
    private final ConfigLoader loader = new ConfigLoader(Set.of("host_cpu_percent", "host_filesystem_used_percent")::contains);

    /** Each bad file and the text its one problem must contain: file, line, key and the offending value. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed.bad.yaml             | malformed.bad.yaml:3:15: malformed YAML",
        "unknown-key.bad.yaml           | unknown-key.bad.yaml:3:3: unknown key 'detection.learning_speed'",
        "learning-period-words.bad.yaml | learning-period-words.bad.yaml:2:20: detection.learning_period: '7 days' is not a duration",
        "port-out-of-range.bad.yaml     | port-out-of-range.bad.yaml:2:9: http.port: '99999' is out of range (1 to 65535)",
        "sensitivity.bad.yaml           | sensitivity.bad.yaml:2:16: detection.sensitivity: 'extreme' is not one of low|medium|high",
        "min-confidence.bad.yaml        | min-confidence.bad.yaml:2:19: detection.min_confidence: '1.5' is out of range",
        "unknown-metric.bad.yaml        | unknown-metric.bad.yaml:2:5: metrics[0].name: unknown metric 'host_cpu_percnt'",
        "pin-without-bound.bad.yaml     | pin-without-bound.bad.yaml:2:5: metrics[0]: metric 'host_cpu_percent' needs 'above' or 'below'",
        "retention.bad.yaml             | retention.bad.yaml:3:12: retention.max_age: 1d must be at least retention.raw=3d",
        "unknown-section.bad.yaml       | unknown-section.bad.yaml:1:1: unknown key 'alerting'",
        "alert-unknown-destination.bad.yaml | alert-unknown-destination.bad.yaml:7:21: alerts.rules[0].destinations: unknown destination 'pager' (defined: ops)",
        "alert-unknown-metric.bad.yaml  | alert-unknown-metric.bad.yaml:6:15: alerts.rules[0].metric: unknown metric 'host_cpu_percnt'",
        "alert-bad-rate.bad.yaml        | alert-bad-rate.bad.yaml:5:19: alerts.destinations[0].rate_limit: 'lots' is not a rate like 30/h",
        "alert-bad-type.bad.yaml        | alert-bad-type.bad.yaml:4:13: alerts.destinations[0].type: 'pager' is not a destination type",
        "interval-too-short.bad.yaml    | interval-too-short.bad.yaml:2:13: detection.interval: '100ms' is out of range (1s to 1h)",
        "snaplen.bad.yaml               | snaplen.bad.yaml:3:14: collectors.network.snaplen: '20' is out of range (64 to 262144)",
        "scan-ports.bad.yaml            | scan-ports.bad.yaml:5:23: collectors.network.attacks.scan_min_ports: 'lots' is not",
    })
    void refusesBadFileNamingLineKeyAndValue(String file, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(DIR.resolve(file)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).contains(expected), "got: " + e.problems().get(0));
    }

    @Test
    void readsEveryKey() throws ConfigException {
        AppConfig c = loader.load(DIR.resolve("full.yaml"));
        assertEquals(Duration.ofSeconds(1), c.detection().interval());
        assertEquals(Sensitivity.HIGH, c.detection().sensitivity());
        assertEquals(Duration.ofDays(2), c.detection().learningPeriod());
        assertEquals(0.7, c.detection().minConfidence());
        assertEquals(Duration.ofMinutes(2), c.detection().correlationWindow());
        assertEquals(Duration.ofHours(24), c.retention().raw());
        assertEquals(Duration.ofDays(90), c.retention().maxAge());
        assertEquals(Path.of("/var/lib/anomaly-hunter/anomaly-hunter.db"), c.storage().path());
        assertEquals(new AppConfig.Http("0.0.0.0", 9090), c.http());
        assertEquals(false, c.collectors().hostEnabled());
        assertEquals(false, c.collectors().cgroupsEnabled());
        NetworkConfig n = c.collectors().network();
        assertEquals(java.util.List.of("eth0", "eth1"), n.interfaces());
        assertEquals("not port 22", n.filter());
        assertEquals(256, n.snaplen());
        assertTrue(n.promiscuous());
        assertEquals(64, n.bufferMb());
        assertEquals(100_000, n.maxFlows());
        assertEquals(Duration.ofMinutes(2), n.flowIdleTimeout());
        assertEquals(Duration.ofHours(1), n.flowActiveTimeout());
        assertEquals(new NetworkConfig.Attacks(Duration.ofSeconds(30), 50, 40, 0.2, 1000, 200, 10, 30), n.attacks());
        assertEquals("network", c.alerts().rules().get(1).detector().orElseThrow());
        assertEquals(2, c.metrics().size());
        assertEquals(Map.of("mode", "total"), c.metrics().get(0).labels());
        assertEquals(95.0, c.metrics().get(0).above().getAsDouble());
        assertTrue(c.metrics().get(1).below().isEmpty());
        AlertsConfig a = c.alerts();
        assertEquals(new AlertsConfig.Retry(5, Duration.ofSeconds(2), Duration.ofMinutes(1)), a.retry());
        assertEquals(5, a.destinations().size());
        AlertsConfig.Smtp mail = (AlertsConfig.Smtp) a.destinations().get(2);
        assertEquals(java.util.List.of("ops@site.local", "oncall@site.local"), mail.to());
        assertEquals(new AlertsConfig.RateLimit(10, Duration.ofHours(1)), mail.rateLimit());
        assertTrue(mail.starttls());
        assertEquals(AlertsConfig.Syslog.Transport.TLS, ((AlertsConfig.Syslog) a.destinations().get(1)).transport());
        AlertsConfig.Webhook chat = (AlertsConfig.Webhook) a.destinations().get(3);
        assertTrue(chat.slack());
        assertEquals(Duration.ofSeconds(3), chat.timeout());
        assertEquals(java.util.List.of("/usr/local/bin/page", "--urgent"), ((AlertsConfig.Exec) a.destinations().get(4)).command());
        assertEquals(AlertsConfig.Severity.CRITICAL, a.rules().get(0).severity());
        assertEquals(90.0, a.rules().get(0).above().getAsDouble());
        assertEquals(java.util.List.of("ops-log", "siem", "chat"), a.rules().get(2).destinations());
    }

    @Test
    void embeddedDefaultsMatchTheDocumentedOnes() {
        AppConfig c = loader.defaults();
        assertEquals(ConfigLoader.EMBEDDED, c.source());
        assertEquals(Duration.ofSeconds(10), c.detection().interval());
        assertEquals(Sensitivity.MEDIUM, c.detection().sensitivity());
        assertEquals(Duration.ofDays(7), c.detection().learningPeriod());
        assertEquals(0.5, c.detection().minConfidence());
        assertEquals(Duration.ofMinutes(5), c.detection().correlationWindow());
        assertEquals(Duration.ofHours(48), c.retention().raw());
        assertEquals(Duration.ofDays(30), c.retention().maxAge());
        assertEquals(Path.of("data/anomaly-hunter.db"), c.storage().path());
        assertEquals(new AppConfig.Http("127.0.0.1", 8080), c.http());
        assertTrue(c.collectors().hostEnabled());
        assertTrue(c.collectors().cgroupsEnabled());
        NetworkConfig n = c.collectors().network();
        assertTrue(n.enabled());
        assertEquals(java.util.List.of(), n.interfaces(), "empty: the default route's interface");
        assertEquals(512, n.snaplen());
        assertEquals(4, n.bufferMb());
        assertEquals(65_536, n.maxFlows());
        assertEquals(Duration.ofSeconds(60), n.attacks().window());
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("x.yaml",
                "http:\n  port: 0\ndetection:\n  interval: soon\n"));
        assertEquals(2, e.problems().size(), e.problems().toString());
    }

    @Test
    void emptyFileMeansDefaults() throws ConfigException {
        assertEquals(8080, loader.parse("empty.yaml", "").http().port());
    }

    @Test
    void theShippedExampleIsValid() throws ConfigException {
        AppConfig c = new ConfigLoader(io.anomalyhunter.series.MetricCatalogFixture.hostCatalog()::contains)
                .load(Path.of("config.yaml.example"));
        assertEquals(8080, c.http().port());
    }
}
