package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.Addr;
import io.anomalyhunter.traffic.PacketInfo;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Password guessing on SSH, FTP, Telnet and RDP: many connections from one source to one service port in
 * a window (five times the base window: guessing is slow). FTP's "530" replies, when visible, are evidence.
 */
final class BruteForceDetector extends Windowed {
    static final Map<Integer, String> SERVICES = Map.of(22, "SSH", 21, "FTP", 23, "Telnet", 3389, "RDP");
    /** The same ports as an array: asked on every SYN, where a map lookup would box the port. */
    private static final boolean[] SERVICE_PORT = new boolean[65536];

    static {
        SERVICES.keySet().forEach(port -> SERVICE_PORT[port] = true);
    }

    private static final int MAX_TRACKED = 65_536;
    private static final byte[] FTP_DENIED = "530".getBytes(StandardCharsets.US_ASCII);

    private final Attacks t;
    private final Map<List<Object>, long[]> tries = new HashMap<>(); // connections, 530 replies, first, last

    BruteForceDetector(Attacks t) {
        super(t.window().toNanos() / 1000 * 5);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.protocol != PacketInfo.TCP) {
            return;
        }
        if (p.has(PacketInfo.SYN) && !p.has(PacketInfo.ACK) && SERVICE_PORT[p.dstPort]) {
            List<Object> key = List.of(Addr.src(p), Addr.dst(p), p.dstPort);
            long[] c = tries.get(key);
            if (c == null) {
                if (tries.size() >= MAX_TRACKED) {
                    return; // a spoofed flood at port 22: the sources tracked so far are the candidates
                }
                c = new long[] {0, 0, p.timeMicros, 0};
                tries.put(key, c);
            }
            c[0]++;
            c[3] = p.timeMicros;
        } else if (p.srcPort == 21 && p.payloadLength >= 3 && startsWith(p.data, p.payloadOffset, FTP_DENIED)) {
            long[] c = tries.get(List.of(Addr.dst(p), Addr.src(p), 21));
            if (c != null) {
                c[1]++;
            }
        }
    }

    private static boolean startsWith(byte[] b, int off, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    void judge(Findings out) {
        tries.forEach((k, c) -> {
            if (c[0] < t.bruteForceMinConnections()) {
                return;
            }
            int port = (Integer) k.get(2);
            String evidence = c[0] + " " + SERVICES.get(port) + " connections from one source"
                    + (c[1] > 0 ? ", " + c[1] + " '530 login incorrect' replies" : "");
            double confidence = Math.min(0.99, 0.6 + 0.1 * c[0] / t.bruteForceMinConnections() + (c[1] > 0 ? 0.2 : 0));
            out.add(new Finding(Finding.Kind.BRUTE_FORCE, confidence, List.of(k.get(0).toString()), 1, k.get(1).toString(),
                    List.of(port), c[0], PacketInfo.instant(c[2]), PacketInfo.instant(c[3]), evidence));
        });
    }

    @Override
    void reset() {
        tries.clear();
    }
}
