package io.anomalyhunter.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged daemon (target/quarkus-app, or the native executable) run as a real process, the way the
 * README's run command runs it.
 */
final class DaemonProcess implements AutoCloseable {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final Path log;
    final String base;

    private DaemonProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** The JVM command line: java, the options from target/jvm.options, the jar, then {@code args}. */
    static List<String> command(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(Files.readString(Path.of("target/jvm.options")).strip().split("\\s+")));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** The native executable's command line: the executable, then {@code args}. */
    static List<String> nativeCommand(Path executable, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toAbsolutePath().toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Runs a CLI command of the packaged JVM build to completion; returns exit code and the combined output. */
    static Result cli(Path cwd, String... args) throws IOException, InterruptedException {
        return run(cwd, command(args));
    }

    /** Runs a command line to completion; returns exit code and the combined output. */
    static Result run(Path cwd, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("ANOMALY_HUNTER_CONFIG");
        Process p = pb.start();
        // Read on another thread: a command that never ends (a daemon that should have refused to start) must
        // fail the test after the limit, not hang it on its open output.
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("CLI " + command + " did not finish within 60 s: " + out.getNow("(no output yet)"));
        }
        try {
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("CLI " + command + ": output not read: " + e);
        }
    }

    /** A finished CLI run. */
    record Result(int exit, String output) {
    }

    static DaemonProcess start(Path cwd, int port, String... args) throws IOException {
        return start(cwd, port, command(args));
    }

    static DaemonProcess start(Path cwd, int port, List<String> cmd) throws IOException {
        Path log = cwd.resolve("daemon.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().remove("ANOMALY_HUNTER_CONFIG");
        return new DaemonProcess(pb.start(), log, "http://127.0.0.1:" + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Path writeConfig(Path dir, int port, String detection) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), """
                detection:
                %s
                storage:
                  path: %s
                http:
                  port: %d
                """.formatted(detection.indent(2).stripTrailing(), dir.resolve("ah.db"), port));
    }

    /** GET; a connection refused is reported as status -1. */
    HttpResponse<String> get(String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits until /health answers 200, or fails with the daemon's log. Returns the milliseconds it took. */
    long awaitHealthy(Duration limit) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < limit.toNanos()) {
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited with " + process.exitValue() + ":\n" + logText());
            }
            HttpResponse<String> r = get("/health");
            if (r != null && r.statusCode() == 200) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no healthy answer within " + limit + ":\n" + logText());
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** SIGTERM, as systemd stops it; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("daemon did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
