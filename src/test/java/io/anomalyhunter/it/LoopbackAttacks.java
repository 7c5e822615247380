package io.anomalyhunter.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Attack traffic on loopback made with ordinary sockets: a connect scan over closed ports and a burst of
 * connection attempts at one closed port (each SYN is answered by RST, never SYN-ACK). Then waits for the
 * daemon to report both as network anomalies.
 */
final class LoopbackAttacks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopbackAttacks() {
    }

    /** Closed ports on 127.0.0.1: a connect is refused at once. */
    static List<Integer> closedPorts(int count, int from) {
        List<Integer> closed = new ArrayList<>();
        for (int port = from; closed.size() < count && port < 65535; port++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            } catch (IOException e) {
                closed.add(port);
            }
        }
        return closed;
    }

    /** Connects to each port once (a vertical connect scan). */
    static void portScan(List<Integer> ports) {
        for (int port : ports) {
            attempt(port);
        }
    }

    /** {@code count} connection attempts at one port, as fast as the kernel refuses them. */
    static void synBurst(int port, int count) {
        for (int i = 0; i < count; i++) {
            attempt(port);
        }
    }

    private static void attempt(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            // refused: that is the point
        }
    }

    /** Polls the daemon's anomalies until network attacks of all {@code kinds} are there; returns the kinds seen. */
    static Set<String> awaitAttacks(DaemonProcess d, Set<String> kinds, long deadlineNanos) throws Exception {
        Set<String> seen = new TreeSet<>();
        while (System.nanoTime() < deadlineNanos && !seen.containsAll(kinds)) {
            var r = d.get("/api/v1/anomalies?metric=net_attack&limit=100");
            if (r != null && r.statusCode() == 200) {
                for (JsonNode a : JSON.readTree(r.body()).get("items")) {
                    seen.add(a.get("labels").get("kind").asText());
                }
            }
            Thread.sleep(200);
        }
        return seen;
    }
}
