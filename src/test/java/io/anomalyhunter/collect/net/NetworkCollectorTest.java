package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.CollectorState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the collector does where it cannot capture: says why, once, and stays off. */
class NetworkCollectorTest {
    private static CaptureSettings settings(String name, String filter) {
        return new CaptureSettings(name, filter, 512, false, 1 << 20, Duration.ofSeconds(10), NetThresholds.DEFAULTS,
                FlowTable.Limits.DEFAULTS);
    }

    @Test
    void anInterfaceThatDoesNotExistDisablesTheCollectorWithItsName() {
        NetworkCollector c = NetworkCollector.start(List.of("nosuch0"), n -> settings(n, ""), batch -> { }, j -> { });
        assertEquals(CollectorState.Status.DISABLED, c.state().status());
        assertTrue(c.state().detail().contains("no interface named 'nosuch0'"), c.state().detail());
        assertEquals("disabled", c.interfaces().get(0).state());
        c.close();
    }

    @Test
    void aBadFilterIsNamed() {
        NetworkCollector c = NetworkCollector.start(List.of("lo"), n -> settings(n, "port nonsense and"), batch -> { },
                j -> { });
        assertEquals(CollectorState.Status.DISABLED, c.state().status());
        assertTrue(c.state().detail().contains("collectors.network.filter 'port nonsense and' is not a valid BPF"),
                c.state().detail());
        c.close();
    }

    @Test
    void aSilentLinkStillGetsItsTrafficWindows() throws Exception {
        // A filter nothing matches: libpcap would wait for a packet forever without the waker.
        CaptureSettings quiet = new CaptureSettings("lo", "udp and port 9 and host 192.0.2.99", 512, false, 1 << 20,
                Duration.ofSeconds(1), NetThresholds.DEFAULTS, FlowTable.Limits.DEFAULTS);
        java.util.concurrent.LinkedBlockingQueue<List<io.anomalyhunter.series.Sample>> batches =
                new java.util.concurrent.LinkedBlockingQueue<>();
        NetworkCollector c = NetworkCollector.start(List.of("lo"), n -> quiet, batches::add, j -> { });
        try {
            assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());
            List<io.anomalyhunter.series.Sample> first = batches.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(first != null, "a window within 5 s on a silent link");
            assertTrue(first.stream().anyMatch(x -> x.series().metric().equals(NetMetrics.PACKETS) && x.value() == 0));
        } finally {
            c.close();
        }
    }

    @Test
    void switchedOffSaysSo() {
        NetworkCollector c = NetworkCollector.switchedOff("collectors.network.enabled=false");
        assertEquals(CollectorState.Status.DISABLED, c.state().status());
        assertEquals(List.of(), c.interfaces());
    }
}
