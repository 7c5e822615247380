package io.anomalyhunter.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One daemon under soak: this same executable started with {@code run}, its log kept in the work directory. */
final class SoakDaemon implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    final Path log;
    final int port;
    /** Made per daemon, at run time: a client in a static field would be frozen into a native image's heap. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SoakDaemon(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static SoakDaemon start(List<String> self, Path dir, Path config, int port) throws IOException {
        List<String> cmd = new ArrayList<>(self);
        cmd.addAll(List.of("run", "--config", config.toString()));
        Path log = dir.resolve("daemon.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("ANOMALY_HUNTER_CONFIG");
        return new SoakDaemon(pb.start(), log, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Milliseconds until /health answers 200. */
    long awaitHealthy(Duration limit) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            if (!process.isAlive()) {
                throw new IOException("the daemon exited with " + process.exitValue() + "; see " + log);
            }
            if (status("/health") == 200) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new IOException("no healthy answer within " + limit + "; see " + log);
    }

    int status(String path) throws InterruptedException {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(request(path), HttpResponse.BodyHandlers.ofString()).body());
    }

    String text(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    /** GET on a connection of its own, as a health checker makes it; the status line, or the error. */
    String freshGet(String path) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("(empty)");
        } catch (IOException e) {
            return e.toString();
        }
    }

    int openFiles() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    long logLines() throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.count();
        }
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
