package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.NetMetrics;
import io.anomalyhunter.traffic.PacketObserver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the collector does where it cannot capture: says why, once, and stays off. */
class NetworkCollectorTest {
    private static CaptureSettings settings(String name, String filter) {
        return new CaptureSettings(name, filter, 512, false, 1 << 20, Duration.ofSeconds(10),
                FlowTable.Limits.DEFAULTS);
    }

    @Test
    void anInterfaceThatDoesNotExistIsNamedAndWaitedFor() {
        NetworkCollector c = NetworkCollector.start(List.of("nosuch0"), n -> settings(n, ""), n -> PacketObserver.NONE, batch -> { });
        try {
            assertEquals(CollectorState.Status.FAILED, c.state().status());
            assertEquals("no interface captured; waiting for nosuch0", c.state().detail());
            assertEquals("waiting", c.interfaces().get(0).state());
            assertEquals("no interface named 'nosuch0'", c.interfaces().get(0).detail());
        } finally {
            c.close();
        }
    }

    /** A real interface (a veth pair; needs root, as CI has) removed under the capture and added back. */
    @Test
    void anInterfaceThatGoesAwayIsCapturedAgainWhenItIsBack() throws Exception {
        ip("link", "del", "ahtest0"); // left over from an interrupted run, if any
        ip("link", "add", "ahtest0", "type", "veth", "peer", "name", "ahtest1");
        ip("link", "set", "ahtest0", "up");
        java.util.concurrent.LinkedBlockingQueue<List<io.anomalyhunter.series.Sample>> batches =
                new java.util.concurrent.LinkedBlockingQueue<>();
        CaptureSettings oneSecond = new CaptureSettings("ahtest0", "", 512, false, 1 << 20, Duration.ofSeconds(1), FlowTable.Limits.DEFAULTS);
        NetworkCollector c = NetworkCollector.start(List.of("ahtest0"), n -> oneSecond, n -> PacketObserver.NONE, batches::add,
                Duration.ofMillis(300));
        try {
            assertEquals(CollectorState.Status.RUNNING, c.state().status(), c.state().detail());
            ip("link", "del", "ahtest0");
            await(() -> c.state().status() == CollectorState.Status.FAILED
                    && c.interfaces().get(0).state().equals("waiting"), c);
            ip("link", "add", "ahtest0", "type", "veth", "peer", "name", "ahtest1");
            ip("link", "set", "ahtest0", "up");
            await(() -> c.state().status() == CollectorState.Status.RUNNING
                    && c.interfaces().get(0).state().equals("running"), c);
            batches.clear();
            assertTrue(batches.poll(5, java.util.concurrent.TimeUnit.SECONDS) != null, "windows again after the resume");
        } finally {
            c.close();
            ip("link", "del", "ahtest0");
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, NetworkCollector c) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within 10 s: " + c.state() + " " + c.interfaces());
            Thread.sleep(50);
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aBadFilterIsNamed() {
        NetworkCollector c = NetworkCollector.start(List.of("lo"), n -> settings(n, "port nonsense and"),
                n -> PacketObserver.NONE, batch -> { });
        assertEquals(CollectorState.Status.DISABLED, c.state().status());
        assertTrue(c.state().detail().contains("collectors.network.filter 'port nonsense and' is not a valid BPF"),
                c.state().detail());
        c.close();
    }

    @Test
    void aSilentLinkStillGetsItsTrafficWindows() throws Exception {
        // A filter nothing matches: libpcap would wait for a packet forever without the waker.
        CaptureSettings quiet = new CaptureSettings("lo", "udp and port 9 and host 192.0.2.99", 512, false, 1 << 20,
                Duration.ofSeconds(1), FlowTable.Limits.DEFAULTS);
        java.util.concurrent.LinkedBlockingQueue<List<io.anomalyhunter.series.Sample>> batches =
                new java.util.concurrent.LinkedBlockingQueue<>();
        NetworkCollector c = NetworkCollector.start(List.of("lo"), n -> quiet, n -> PacketObserver.NONE, batches::add);
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
