package io.anomalyhunter.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background and keeps every line. */
final class SseRecorder implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    SseRecorder(String url) {
        reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> r = DaemonProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                r.body().forEach(line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                });
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

    @Override
    public void close() {
        reader.interrupt();
    }
}
