package io.anomalyhunter.detect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.PacketDecoder;
import io.anomalyhunter.traffic.PacketInfo;
import io.anomalyhunter.traffic.TrafficAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each attack detector on small scenarios written as text (testdata/net/attacks.txt): an attack it must name,
 * with its source and target, and ordinary traffic of the same shape it must leave alone. The frames are built
 * here and go through the whole {@link TrafficAnalyzer}, as a capture does.
 */
class AttackDetectorsTest {
    private static final Pattern BURST = Pattern.compile(
            "(tcp|udp|arp) at (\\d+)(?: every (\\d+) times (\\d+))? (.*)");
    private static final Pattern COUNTER = Pattern.compile("\\{i(?:([+/%])(\\d+))?}");

    record Scenario(String name, List<String> expected, List<String> bursts) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = AttackDetectorsTest.class.getResourceAsStream("/testdata/net/attacks.txt")) {
            String name = null;
            List<String> expected = new ArrayList<>();
            List<String> bursts = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                } else if (line.startsWith("scenario ")) {
                    name = line.substring(9);
                    expected = new ArrayList<>();
                    bursts = new ArrayList<>();
                } else if (line.startsWith("expect ")) {
                    String e = line.substring(7);
                    if (!e.equals("none")) {
                        expected.add(e);
                    }
                } else if (line.equals("end")) {
                    out.add(Arguments.of(new Scenario(name, expected, bursts)));
                } else {
                    bursts.add(line);
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void findsWhatTheScenarioSays(Scenario s) {
        TreeMap<Long, List<byte[]>> frames = new TreeMap<>();
        for (String burst : s.bursts()) {
            Matcher m = BURST.matcher(burst);
            assertTrue(m.matches(), "not a burst: " + burst);
            long at = Long.parseLong(m.group(2));
            long every = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
            int times = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            for (int i = 0; i < times; i++) {
                frames.computeIfAbsent(at + i * every, t -> new ArrayList<>()).add(frame(m.group(1), counted(m.group(5), i)));
            }
        }
        AttackWatch watch = new AttackWatch("test", Attacks.DEFAULTS, (series, detector, time, value, v) -> { });
        TrafficAnalyzer analyzer = new TrafficAnalyzer(PacketDecoder.LINK_ETHERNET, watch);
        long start = 1_700_000_000_000_000L;
        frames.forEach((ms, list) -> list.forEach(f -> analyzer.accept(f, f.length, start + ms * 1000)));
        analyzer.finish();
        List<Finding> found = watch.findings();
        List<String> seen = found.stream().map(f -> f.kind() + " " + String.join(",", f.sources()) + " -> " + f.target())
                .toList();
        for (String e : s.expected()) {
            String[] p = e.split(" ");
            assertTrue(found.stream().anyMatch(f -> f.kind().name().equals(p[0])
                            && (p[1].equals("*") || f.sources().contains(p[1]))
                            && (p[3].equals("*") || p[3].equals(f.target()))),
                    s.name() + ": expected " + e + ", found " + seen);
        }
        if (s.expected().isEmpty()) {
            assertEquals(List.of(), seen, s.name());
        }
    }

    /** Replaces {i}, {i+K}, {i/K} and {i%K} by values counted from the burst's counter. */
    private static String counted(String spec, int i) {
        Matcher m = COUNTER.matcher(spec);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int k = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int v = m.group(1) == null ? i : switch (m.group(1)) {
                case "+" -> i + k;
                case "/" -> i / k;
                default -> i % k;
            };
            m.appendReplacement(b, Integer.toString(v));
        }
        return m.appendTail(b).toString();
    }

    /** An Ethernet frame from "SRC:PORT > DST:PORT [FLAGS] [payload N]" or "reply|request IP is MAC". */
    static byte[] frame(String kind, String spec) {
        String[] w = spec.split(" ");
        if (kind.equals("arp")) {
            ByteBuffer b = ethernet(42, mac(w[3]), 0x0806);
            b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                    .putShort((short) (w[0].equals("reply") ? 2 : 1)).put(mac(w[3])).put(ip(w[1]))
                    .put(new byte[6]).put(ip(w[1]));
            return b.array();
        }
        String[] src = w[0].split(":");
        String[] dst = w[2].split(":");
        String flags = w.length > 3 && !w[3].equals("payload") ? w[3] : "";
        int payload = spec.contains("payload ") ? Integer.parseInt(spec.substring(spec.indexOf("payload ") + 8)) : 0;
        boolean tcp = kind.equals("tcp");
        int transport = (tcp ? 20 : 8) + payload;
        ByteBuffer b = ethernet(14 + 20 + transport, mac("02:00:00:00:00:aa"), 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport)).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) (tcp ? 6 : 17)).putShort((short) 0).put(ip(src[0])).put(ip(dst[0]));
        b.putShort((short) Integer.parseInt(src[1])).putShort((short) Integer.parseInt(dst[1]));
        if (tcp) {
            int f = 0;
            for (char c : flags.toCharArray()) {
                f |= switch (c) {
                    case 'F' -> PacketInfo.FIN;
                    case 'S' -> PacketInfo.SYN;
                    case 'R' -> PacketInfo.RST;
                    case 'P' -> PacketInfo.PSH;
                    case 'A' -> PacketInfo.ACK;
                    default -> throw new IllegalArgumentException("flag " + c + " in " + spec);
                };
            }
            b.putInt(1).putInt(f == PacketInfo.SYN ? 0 : 1).put((byte) 0x50).put((byte) f).putShort((short) 29200)
                    .putShort((short) 0).putShort((short) 0);
        } else {
            b.putShort((short) transport).putShort((short) 0);
        }
        return b.array();
    }

    private static ByteBuffer ethernet(int size, byte[] srcMac, int type) {
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(mac("02:00:00:00:00:bb")).put(srcMac).putShort((short) type);
        return b;
    }

    private static byte[] ip(String dotted) {
        String[] p = dotted.split("\\.");
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) Integer.parseInt(p[i]);
        }
        return out;
    }

    private static byte[] mac(String text) {
        String[] p = text.split(":");
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return out;
    }
}
