package io.anomalyhunter.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real dockerd the container tests use: the one packaging/start-dockerd.sh started (the test command runs
 * it), on /var/run/docker.sock, with the ah-busybox image. Where none answers the tests skip with a clear
 * message, but fail under CI. The docker CLI is the tests' peer (docker stats, docker run); the product
 * itself only speaks the API. Containers a test starts are removed by {@link #close()}.
 */
public final class TestDocker implements AutoCloseable {
    public static final Path SOCKET = Path.of("/var/run/docker.sock");
    public static final String IMAGE = "ah-busybox:latest";
    private final List<String> started = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    private TestDocker() {
    }

    /** The running dockerd, or a skip (a failure under CI). */
    public static TestDocker require() {
        String problem = null;
        if (!Files.exists(SOCKET)) {
            problem = "no dockerd socket at " + SOCKET;
        } else {
            try {
                Result r = run(List.of("docker", "image", "inspect", IMAGE));
                if (r.code != 0) {
                    problem = "dockerd does not answer or has no " + IMAGE + ": " + r.output.strip();
                }
            } catch (IOException e) {
                problem = "no docker CLI: " + e.getMessage();
            }
        }
        if (problem != null) {
            String message = problem + " (packaging/start-dockerd.sh starts one and makes the image; the test command runs it)";
            if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                fail(message + "; CI is set, so this is a failure, not a skip");
            }
            assumeTrue(false, message);
        }
        return new TestDocker();
    }

    /** Starts a detached container (no network: these machines have no default bridge) and returns its full id. */
    public String run(String name, String... args) throws IOException {
        return runOn("none", name, args);
    }

    /**
     * A user-defined bridge network of its own (dockerd runs with --bridge=none, but user networks still work;
     * the gateway answers pings from the host side), removed on close.
     */
    public String network() throws IOException {
        String name = name("net");
        cli("network", "create", name);
        networks.add(name);
        return name;
    }

    /** Starts a detached container on {@code network} and returns its full id. */
    public String runOn(String network, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d", "--network", network, "--name", name));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        started.add(name);
        if (r.code != 0) {
            throw new IOException("docker run " + name + " failed: " + r.output);
        }
        String[] lines = r.output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** Runs the docker CLI and returns what it printed (stdout and stderr). */
    public String cli(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.code != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + r.output);
        }
        return r.output;
    }

    /** A unique container name for this test run. */
    public static String name(String what) {
        return "ah-test-" + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " took over 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        for (String name : started) {
            try {
                run(List.of("docker", "rm", "-f", name));
            } catch (IOException e) {
                // best effort: a leftover test container does not change other tests' results
            }
        }
        for (String name : networks) {
            try {
                run(List.of("docker", "network", "rm", name));
            } catch (IOException e) {
                // best effort, as above
            }
        }
    }
}
