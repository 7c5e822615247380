package io.anomalyhunter.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP receiver on loopback that answers {@code failStatus} to the first {@code failures} requests, then 200. */
public final class WebhookPeer implements AutoCloseable {
    /** A request as received. */
    public record Request(long nanos, int answered, String alertId, String signature, String body) {
    }

    public final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final AtomicInteger left;

    public WebhookPeer(int failures, int failStatus) throws IOException {
        left = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = left.getAndDecrement() > 0 ? failStatus : 200;
            requests.add(new Request(System.nanoTime(), status, x.getRequestHeaders().getFirst("X-AnomalyHunter-Alert-Id"),
                    x.getRequestHeaders().getFirst("X-AnomalyHunter-Signature"), body));
            byte[] answer = (status == 200 ? "ok" : "try later").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            x.close();
        });
        server.start();
    }

    /** From now on every request is answered 200: the receiver came back. */
    public void heal() {
        left.set(0);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() == 200).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
