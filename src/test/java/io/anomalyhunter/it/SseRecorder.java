package io.anomalyhunter.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background and keeps every line. */
final class SseRecorder implements AutoCloseable {
    /** Recorded when the server ended the stream. */
    static final String ENDED = "!ended";
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    /** The protocol the server answered with, once it answered. */
    volatile HttpClient.Version version;

    SseRecorder(String url) {
        this(url, DaemonProcess.HTTP);
    }

    /** Through the given client: its HTTP version decides whether the stream upgrades to HTTP/2 (h2c). */
    SseRecorder(String url, HttpClient client) {
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                version = r.version();
                r.body().forEach(line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                });
                synchronized (lines) {
                    lines.add(ENDED);
                }
            } catch (Exception e) {
                synchronized (lines) {
                    lines.add("!error " + e);
                }
            }
        }, "sse-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The event names seen so far ("event:" lines; the space after the colon is optional in SSE). */
    List<String> events() {
        return lines().stream().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
    }

    /** True while the stream has neither ended nor failed. */
    boolean open() {
        return reader.isAlive() && lines().stream().noneMatch(l -> l.startsWith("!"));
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
