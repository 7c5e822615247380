package io.anomalyhunter.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A webhook receiver on loopback that fails (503) until healed, and keeps every alert it accepted. */
final class HookPeer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();

    HookPeer(boolean failing) throws IOException {
        this.failing.set(failing);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            int status = this.failing.get() ? 503 : 200;
            if (status == 200) {
                accepted.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void heal() {
        failing.set(false);
    }

    /** Per incident id, the alert states accepted (firing, resolved). */
    Map<Long, Set<String>> states() {
        Map<Long, Set<String>> out = new HashMap<>();
        for (JsonNode a : accepted) {
            out.computeIfAbsent(a.path("incident_id").asLong(), k -> new TreeSet<>()).add(a.path("state").asText());
        }
        return out;
    }

    int acceptedCount() {
        return accepted.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
