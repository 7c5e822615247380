package io.anomalyhunter.collect.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The procfs parsers on captured files (src/test/resources/testdata/host). */
class ProcFilesTest {
    private static String fixture(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/testdata/host", name));
    }

    @Test
    void cpuTicksReadTheAggregateLineInOshiOrder() throws IOException {
        assertArrayEquals(new long[] {10132153, 290696, 3084719, 46828483, 16683, 0, 25195, 0},
                ProcFiles.cpuTicks(fixture("proc-stat.txt")));
        assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpuTicks("intr 1 2 3\n"));
    }

    @Test
    void openFilesFiguresFromFileNrLimitsAndStatus() {
        assertEquals(4128, ProcFiles.fileHandles("4128\t0\t9223372036854775807\n"));
        assertEquals(-1, ProcFiles.fileHandles("garbage"));
        String limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max processes             63445                63445                processes \n"
                + "Max open files            1024                 524288               files     \n";
        assertEquals(1024, ProcFacts.openFilesLimit(limits));
        assertEquals(-1, ProcFacts.openFilesLimit(limits.replace("1024      ", "unlimited ")));
        assertEquals(-1, ProcFacts.openFilesLimit("Max processes 5 5 processes\n"));
        assertEquals(256, ProcFacts.fdTableSize("Name:\tjava\nUmask:\t0022\nFDSize:\t256\nGroups:\t\n"));
        assertEquals(-1, ProcFacts.fdTableSize("Name:\tjava\n"));
    }

    /** This JVM's own figures: listing /proc/self/fd counts the files the test opens. */
    @Test
    void openFilesOfThisProcess() throws IOException {
        OpenFiles.Held before = OpenFiles.of(Path.of("/proc/self"));
        List<java.io.InputStream> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                held.add(Files.newInputStream(Path.of("/proc/self/status")));
            }
            OpenFiles.Held during = OpenFiles.of(Path.of("/proc/self"));
            assertTrue(during.open() >= before.open() + 45, before + " then " + during); // other threads may open some
            assertTrue(during.limit() > 0 && during.share() > 0 && during.share() < 1, during.toString());
        } finally {
            for (java.io.InputStream in : held) {
                in.close();
            }
        }
        assertTrue(new OpenFilesWatch(Path.of("/proc")).busiestPercent(System.currentTimeMillis()) > 0);
    }

    @Test
    void loadAverageAndThreads() throws IOException {
        assertArrayEquals(new double[] {0.42, 0.35, 0.30}, ProcFiles.loadAverage(fixture("loadavg.txt")));
        assertEquals(345, ProcFiles.threads(fixture("loadavg.txt")));
    }

    @Test
    void meminfoInBytes() throws IOException {
        Map<String, Long> m = ProcFiles.meminfo(fixture("meminfo.txt"));
        assertEquals(24575996L * 1024, m.get("MemTotal"));
        assertEquals(23000000L * 1024, m.get("MemAvailable"));
        assertEquals(0L, m.get("HugePages_Total"), "values without kB stay as they are");
    }

    @Test
    void netDevForTheNamedInterfaces() throws IOException {
        List<HostReading.Nic> nics = ProcFiles.netDev(fixture("net-dev.txt"), Set.of("eth0")::contains);
        assertEquals(List.of(new HostReading.Nic("eth0", 98765432, 87654321, 65432, 54321, 3, 2, 7)), nics);
    }

    @Test
    void snmpTablesAndSnmp6Lines() throws IOException {
        Map<String, Long> v4 = ProcFiles.snmp(fixture("net-snmp.txt"));
        assertEquals(42L, v4.get("Tcp.RetransSegs"));
        assertEquals(17L, v4.get("Tcp.AttemptFails"));
        assertEquals(99L, v4.get("Tcp.OutRsts"));
        assertEquals(-1L, v4.get("Tcp.MaxConn"));
        assertEquals(1000L, v4.get("Udp.InDatagrams"));
        assertEquals(5L, v4.get("Udp.NoPorts"));
        Map<String, Long> v6 = ProcFiles.snmp(fixture("net-snmp6.txt"));
        assertEquals(10L, v6.get("Udp6InDatagrams"));
        assertEquals(20L, v6.get("Udp6OutDatagrams"));
    }

    @Test
    void tcpStatesCountedByKernelStateNumber() throws IOException {
        Map<String, Integer> counts = ProcFiles.emptyTcpStates();
        ProcFiles.countTcpStates(fixture("net-tcp.txt"), counts);
        assertEquals(1, counts.get("listen"));
        assertEquals(2, counts.get("established"));
        assertEquals(1, counts.get("time_wait"));
        assertEquals(0, counts.get("close_wait"));
        assertEquals(11, counts.size());
    }

    @Test
    void diskStatsForTheNamedDevicesIn512ByteSectors() throws IOException {
        List<HostReading.Disk> disks = ProcFiles.parseDiskStats(fixture("diskstats.txt"), Set.of("vda"));
        assertEquals(List.of(new HostReading.Disk("vda", 301234L * 512, 654321L * 512, 4512, 9876)), disks);
    }
}
