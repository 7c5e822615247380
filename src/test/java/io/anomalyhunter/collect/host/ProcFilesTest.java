package io.anomalyhunter.collect.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
