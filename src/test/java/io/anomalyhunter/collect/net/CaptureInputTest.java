package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.detect.net.AttackWatch;
import io.anomalyhunter.detect.net.Finding;
import io.anomalyhunter.detect.net.PcapFindingsTest;
import io.anomalyhunter.testing.SharedData;
import io.anomalyhunter.traffic.PacketDecoder;
import io.anomalyhunter.traffic.PacketInfo;
import io.anomalyhunter.traffic.PacketObserver;
import io.anomalyhunter.traffic.TrafficAnalyzer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad captures get a clear error or are counted and skipped; no packet makes the parser throw. */
class CaptureInputTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotACaptureIsRefusedByName() throws Exception {
        Path f = Files.writeString(dir.resolve("notes.pcap"), "this is not a capture\n");
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapReplay.run(f, PacketObserver.NONE));
        assertTrue(e.getMessage().startsWith(f + ": not a pcap or pcapng capture"), e.getMessage());
        CaptureFileException missing = assertThrows(CaptureFileException.class,
                () -> PcapReplay.run(dir.resolve("absent.pcap"), PacketObserver.NONE));
        assertTrue(missing.getMessage().contains("absent.pcap: no such file"), missing.getMessage());
    }

    @Test
    void recordsWithImpossibleTimesAreCountedAsDamagedNotLostSilently() throws Exception {
        byte[] frame = hex("ffffffffffff 001122334455 0800 4500 001c 0000 0000 4011 0000 0a000001 0a000002 03e8 0035 0008 0000");
        Path f = pcap(dir.resolve("usec.pcap"), 1, new byte[][] {frame, frame, frame, frame});
        byte[] bytes = Files.readAllBytes(f);
        // The second and fourth records' microseconds: 2,000,000 and 10^9, which no clock gives.
        int second = 24 + (16 + frame.length) + 4;
        int fourth = 24 + 3 * (16 + frame.length) + 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(second, 2_000_000).putInt(fourth, 1_000_000_000);
        Files.write(f, bytes);
        PcapReplay.Result r = PcapReplay.run(f, PacketObserver.NONE);
        assertEquals(2, r.packets());
        assertEquals(2, r.damaged(), "both impossible records are reported");
    }

    @Test
    void whatIsNotAFileIsRefusedBeforeLibpcapWaitsOnIt() throws Exception {
        Path fifo = dir.resolve("pipe.pcap");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapReplay.run(fifo, PacketObserver.NONE));
        assertTrue(e.getMessage().endsWith("pipe.pcap: is a FIFO, device or socket, not a capture file"), e.getMessage());
        e = assertThrows(CaptureFileException.class, () -> PcapReplay.run(Path.of("/dev/zero"), PacketObserver.NONE));
        assertTrue(e.getMessage().contains("FIFO, device or socket"), e.getMessage());
        e = assertThrows(CaptureFileException.class, () -> PcapReplay.run(dir, PacketObserver.NONE));
        assertTrue(e.getMessage().endsWith(": is a directory, not a capture file"), e.getMessage());
    }

    @Test
    void anUnknownLinkTypeIsRefusedByNumber() throws Exception {
        Path f = pcap(dir.resolve("user0.pcap"), 147, new byte[][] {new byte[60]});
        CaptureFileException e = assertThrows(CaptureFileException.class, () -> PcapReplay.run(f, PacketObserver.NONE));
        assertTrue(e.getMessage().contains("link type 147"), e.getMessage());
    }

    @Test
    void aTruncatedCaptureIsReadUpToTheDamage() throws Exception {
        Path source = PcapFindingsTest.DIR.resolve("ppa1e_portscan.pcap");
        SharedData.require(source, "capture");
        byte[] all = Files.readAllBytes(source);
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(all, all.length - 30));
        AttackWatch watch = new AttackWatch("cut", Attacks.DEFAULTS, (series, detector, time, value, v) -> { });
        PcapReplay.Result r = PcapReplay.run(cut, watch);
        assertTrue(r.packets() >= 27 && r.packets() < 29, "packets before the cut: " + r.packets());
        assertTrue(r.truncated(), "reported as truncated");
        assertEquals(Finding.Kind.PORT_SCAN, watch.findings().get(0).kind(), "what was read still counts");
    }

    @Test
    void shortAndOddFramesAreCountedAsMalformed() throws Exception {
        byte[] ipv4Header = hex("000000000001 000000000002 0800 4500 0014 0001 2000 4011 0000 0a000001 0a000002");
        byte[] laterFragment = hex("000000000001 000000000002 0800 4500 0020 0002 0004 4011 0000 0a000001 0a000002"
                + " 0102030405060708 090a0b0c");
        Path f = pcap(dir.resolve("odd.pcap"), 1, new byte[][] {new byte[5], Arrays.copyOf(ipv4Header, 20), ipv4Header,
                laterFragment});
        PcapReplay.Result r = PcapReplay.run(f, PacketObserver.NONE);
        assertEquals(4, r.packets());
        assertEquals(3, r.malformed(), "the 5-byte frame, the cut IPv4 header, a first fragment without room for UDP");
        PacketInfo p = new PacketInfo();
        assertTrue(PacketDecoder.decode(laterFragment, laterFragment.length, 1, p));
        assertTrue(p.fragment && !p.firstFragment && p.srcPort == 0, "a later fragment has no ports");
    }

    /** A million random and mutated frames: none may throw, whatever the link type. */
    @Test
    void fuzzedFramesNeverThrow() throws Exception {
        Random r = new Random(7);
        byte[][] seeds = {
            hex("ffffffffffff 00112233aabb 0806 0001 0800 0604 0002 00112233aabb ac100001 000000000000 ac10006b"),
            hex("00112233aabb 66778899aabb 86dd 6000000000140600 20010db8000000000000000000000001"
                    + " 20010db8000000000000000000000002 c0000050000000010000000050022000 00000000"),
            hex("00112233aabb 66778899aabb 8100 0001 0800 4500 0030 0001 0000 4011 0000 0a000001 0a000002"
                    + " 0035 c000 001c 0000 1234 8180 0001 0001 0000 0000 03777777 00 0001 0001"),
        };
        TrafficAnalyzer analyzer = new TrafficAnalyzer(1, new AttackWatch("fuzz", Attacks.DEFAULTS, (k, d, t, v, x) -> { }));
        TrafficAnalyzer raw = new TrafficAnalyzer(PacketDecoder.LINK_RAW,
                new AttackWatch("fuzz", Attacks.DEFAULTS, (k, d, t, v, x) -> { }));
        byte[] buf = new byte[256];
        for (int i = 0; i < 1_000_000; i++) {
            int len;
            if (i % 2 == 0) {
                len = r.nextInt(buf.length);
                r.nextBytes(buf);
            } else {
                byte[] seed = seeds[i % seeds.length];
                System.arraycopy(seed, 0, buf, 0, seed.length);
                for (int m = 0; m < 1 + r.nextInt(4); m++) {
                    buf[r.nextInt(seed.length)] = (byte) r.nextInt(256);
                }
                len = r.nextInt(seed.length + 1);
            }
            analyzer.accept(buf, len, i * 10L);
            raw.accept(buf, len, i * 10L);
        }
        analyzer.finish();
        raw.finish();
        assertEquals(1_000_000, analyzer.packets());
        assertTrue(analyzer.malformed() > 0 && analyzer.malformed() < analyzer.packets());
    }

    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** A classic pcap file (microsecond timestamps, little-endian) holding the frames. */
    static Path pcap(Path file, int linkType, byte[][] frames) throws Exception {
        int size = 24 + Arrays.stream(frames).mapToInt(f -> 16 + f.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        int t = 1_700_000_000;
        for (byte[] f : frames) {
            b.putInt(t++).putInt(0).putInt(f.length).putInt(f.length).put(f);
        }
        return Files.write(file, b.array());
    }
}
