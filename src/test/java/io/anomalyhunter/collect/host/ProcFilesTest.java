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

    /** The forks since boot: the fixture has none; this host's count grows by the processes a test starts. */
    @Test
    void processesCreatedSinceBoot() throws Exception {
        assertEquals(-1, ProcFiles.processesCreated(fixture("proc-stat.txt")));
        assertEquals(3138847, ProcFiles.processesCreated("cpu  1 2 3 4 5 6 7 8 9 10\nctxt 99\nbtime 1\nprocesses 3138847\nprocs_running 2\n"));
        long before = ProcFiles.processesCreated(Files.readString(Path.of("/proc/stat")));
        for (int i = 0; i < 3; i++) {
            new ProcessBuilder("true").start().waitFor();
        }
        long after = ProcFiles.processesCreated(Files.readString(Path.of("/proc/stat")));
        assertTrue(before > 0 && after >= before + 3, before + " then " + after);
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
        assertTrue(ProcFacts.openForWriting("pos:\t0\nflags:\t0100001\nmnt_id:\t29\n")); // O_WRONLY|O_LARGEFILE
        assertTrue(ProcFacts.openForWriting("pos:\t0\nflags:\t02100002\n")); // O_RDWR|O_CLOEXEC|O_LARGEFILE
        assertTrue(!ProcFacts.openForWriting("pos:\t0\nflags:\t0100000\n")); // O_RDONLY
        assertTrue(!ProcFacts.openForWriting("pos:\t0\n"));
    }

    /** This JVM's own file open for writing is found, the larger of two, and a file open for reading is not. */
    @Test
    void theLargestFileThisProcessWrites(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[3 << 20]);
        Path small = dir.resolve("small");
        Path read = Files.write(dir.resolve("read"), new byte[8 << 20]);
        try (var w1 = Files.newOutputStream(big, java.nio.file.StandardOpenOption.APPEND);
             var w2 = Files.newOutputStream(small); var r = Files.newInputStream(read)) {
            OpenFiles.Written w = OpenFiles.largestWritten(Path.of("/proc/self")).orElseThrow();
            assertTrue(w.bytes() >= 3 << 20, w.toString());
            assertTrue(!w.path().equals(read.toString()), "a file open for reading is not written: " + w);
            assertTrue(w.path().equals(big.toString()) || w.bytes() > 3 << 20, "the test's file or a larger one this JVM writes: " + w);
        }
        assertTrue(OpenFiles.largestWritten(Path.of("/proc/999999999")).isEmpty());
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
