package io.anomalyhunter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dockerd of the test's own, on a private socket, data root and exec root, so a test can stop and start it
 * without touching the shared one. Needs root and Debian's docker.io; the PID it started is the only one it stops.
 */
public final class PrivateDockerd implements AutoCloseable {
    private final Path dir;
    private Process process;

    public PrivateDockerd(Path dir) {
        this.dir = dir;
    }

    public Path socket() {
        return dir.resolve("docker.sock");
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("dockerd", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--storage-driver=vfs", "-H", "unix://" + socket(), "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (cli("version").startsWith("ok")) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IOException("the private dockerd did not answer on " + socket() + "; its log:\n"
                + String.join("\n", tail(Files.readAllLines(dir.resolve("dockerd.log")))));
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: dockerd shuts down its containerd too
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Runs the docker CLI against this dockerd: "ok\n" and its output, or "failed\n" and the output. */
    public String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker", "-H", "unix://" + socket()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return (p.waitFor() == 0 ? "ok\n" : "failed\n") + out;
    }

    /** Imports busybox as ah-busybox:latest (nothing can be pulled). */
    public void importBusybox() throws IOException, InterruptedException {
        Path root = dir.resolve("rootfs");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder("sh", "-c", "tar -C '" + root + "' -c . | docker -H 'unix://" + socket()
                + "' import - " + TestDocker.IMAGE).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("docker import failed: " + out);
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 15), lines.size());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
