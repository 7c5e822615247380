package io.anomalyhunter.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against hand-made frames (testdata/net/decoder.tsv): each link type, IPv4 and IPv6 with an
 * extension header, TCP, UDP, ICMPv6, DNS, ARP, VLAN, fragments, padding, and frames it must call malformed.
 */
class PacketDecoderTest {
    static Stream<Arguments> frames() throws IOException {
        try (InputStream in = PacketDecoderTest.class.getResourceAsStream("/testdata/net/decoder.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .map(c -> Arguments.of(c[0], Integer.parseInt(c[1]), c[2], c[3]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesWhatTheHeadersSay(String name, int linkType, String hex, String expected) {
        byte[] frame = HexFormat.of().parseHex(hex);
        PacketInfo p = new PacketInfo();
        boolean ok = PacketDecoder.decode(frame, frame.length, linkType, p);
        if (expected.equals("malformed")) {
            assertFalse(ok, name + " must be refused");
            return;
        }
        assertTrue(ok, name + " must decode");
        Map<String, String> read = fields(p);
        for (String kv : expected.split(" ")) {
            String key = kv.substring(0, kv.indexOf('='));
            assertTrue(read.containsKey(key), "unknown field in the fixture: " + key);
            assertEquals(kv.substring(kv.indexOf('=') + 1), read.get(key), name + ": " + key + " in " + read);
        }
    }

    /** What the decoder read, in the fixture's words. */
    private static Map<String, String> fields(PacketInfo p) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("ip", Integer.toString(p.ipVersion));
        f.put("src", PacketInfo.address(p.srcHi, p.srcLo));
        f.put("dst", PacketInfo.address(p.dstHi, p.dstLo));
        f.put("proto", Integer.toString(p.protocol));
        f.put("sport", Integer.toString(p.srcPort));
        f.put("dport", Integer.toString(p.dstPort));
        f.put("flags", Integer.toString(p.tcpFlags));
        f.put("icmp", Integer.toString(p.icmpType));
        f.put("frag", !p.fragment ? "none" : p.firstFragment ? "first" : "later");
        f.put("payload", Integer.toString(p.payloadLength));
        f.put("udplen", Integer.toString(p.udpLength));
        f.put("dns", p.dns == 0 ? "none" : p.dns == 1 ? "query" : "response");
        f.put("qtype", Integer.toString(p.dnsQtype));
        f.put("rcode", Integer.toString(p.dnsRcode));
        f.put("arp", Integer.toString(p.arpOp));
        f.put("arpsender", PacketInfo.address(0, p.arpSenderIp));
        f.put("arptarget", PacketInfo.address(0, p.arpTargetIp));
        f.put("arpmac", String.format("%012x", p.arpSenderMac));
        f.put("srcmac", String.format("%012x", p.srcMac));
        f.put("dstmac", String.format("%012x", p.dstMac));
        return f;
    }
}
