package io.anomalyhunter.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The daemon's and check-config's loader: checks that need the collectors (metric names, libpcap's filter compiler). */
class ConfigChecksTest {
    @Test
    void aCaptureFilterLibpcapCannotCompileIsRefusedWithFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonWiring.configLoader().parse("site.yaml",
                "collectors:\n  network:\n    filter: port nonsense and\n"));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("site.yaml:3:13: collectors.network.filter: 'port nonsense and' is not a"
                + " valid capture filter (BPF, tcpdump syntax): "), e.problems().get(0));
    }

    @Test
    void aGoodFilterAndNetworkMetricsInRulesPass() throws ConfigException {
        AppConfig c = DaemonWiring.configLoader().parse("site.yaml", """
                collectors:
                  network:
                    filter: tcp and not port 22
                metrics:
                  - name: net_capture_dropped_per_second
                    above: 100
                """);
        assertEquals("tcp and not port 22", c.collectors().network().filter());
        assertEquals(1, c.metrics().size(), c.metrics().toString());
        assertEquals("net_capture_dropped_per_second", c.metrics().get(0).metric());
        assertEquals(100, c.metrics().get(0).above().orElseThrow());
    }
}
