package io.anomalyhunter.collect.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.change.Change;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event stream with a line that is not JSON between two good events, from a real HTTP peer on a unix socket:
 * the bad line is told once and skipped, both good events still become changes.
 */
class MalformedEventStreamTest {
    private static final String ID = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void aBadLineIsSkippedAndTheEventsAroundItAreKept() throws Exception {
        Path socket = dir.resolve("fake-docker.sock");
        String body = event("start", "before") + "\n{\"Type\":\"container\",\"Action\n" + event("die", "after") + "\n";
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread peer = new Thread(() -> serve(server, body), "fake-dockerd");
            peer.setDaemon(true);
            peer.start();
            List<Change> changes = new CopyOnWriteArrayList<>();
            List<String> bad = new ArrayList<>();
            try (DockerEngine engine = new DockerEngine(socket)) {
                engine.events(Instant.EPOCH, e -> DockerChanges.of(e, "docker").ifPresent(changes::add), bad::add);
            }
            assertEquals(List.of("before", "after"), changes.stream().map(Change::subject).toList());
            assertEquals(1, bad.size(), bad.toString());
            assertTrue(bad.get(0).startsWith("not JSON"), bad.get(0));
        }
    }

    private static String event(String action, String name) {
        return "{\"Type\":\"container\",\"Action\":\"" + action + "\",\"Actor\":{\"ID\":\"" + ID
                + "\",\"Attributes\":{\"name\":\"" + name + "\",\"exitCode\":\"1\"}},\"timeNano\":1764640000000000000}";
    }

    /** Answers one request with the body and closes the connection (HTTP/1.1, no chunking: the body ends at close). */
    private static void serve(ServerSocketChannel server, String body) {
        try (SocketChannel c = server.accept()) {
            ByteBuffer in = ByteBuffer.allocate(8192);
            StringBuilder request = new StringBuilder();
            while (!request.toString().contains("\r\n\r\n") && c.read(in) > 0) {
                in.flip();
                request.append(StandardCharsets.US_ASCII.decode(in));
                in.clear();
            }
            String answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + body;
            c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
