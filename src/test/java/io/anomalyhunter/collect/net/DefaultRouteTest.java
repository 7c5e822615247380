package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRouteTest {
    @TempDir
    Path dir;

    @Test
    void readsTheDefaultRouteFromTheKernelTables() throws Exception {
        Path v4 = Files.writeString(dir.resolve("route"), """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                ens3\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
                ens3\t00000000\t0102000A\t0003\t0\t0\t0\t00000000\t0\t0\t0
                """);
        Path v6 = Files.writeString(dir.resolve("ipv6_route"), "");
        assertEquals(Optional.of("ens3"), DefaultRoute.interfaceName(v4, v6));
    }

    @Test
    void fallsBackToIpv6AndThenToNothing() throws Exception {
        Path v4 = Files.writeString(dir.resolve("route"), "Iface\tDestination\tGateway\n");
        Path v6 = Files.writeString(dir.resolve("ipv6_route"),
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 "
                        + "00000400 00000001 00000000 00000003 wlan0\n");
        assertEquals(Optional.of("wlan0"), DefaultRoute.interfaceName(v4, v6));
        assertEquals(Optional.empty(), DefaultRoute.interfaceName(dir.resolve("none"), dir.resolve("none6")));
    }
}
