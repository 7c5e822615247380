package io.anomalyhunter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Podman's Docker-compatible API service of the test's own: private storage, run and tmp dirs, a private socket,
 * vfs storage and cgroupfs (these machines run no systemd). Containers get this machine's own open-file and
 * process limits (Podman's defaults are higher than a process here may set). Stops only the PID it started.
 */
public final class PrivatePodman implements AutoCloseable {
    private final Path dir;
    private Process service;

    public PrivatePodman(Path dir) {
        this.dir = dir;
    }

    public Path socket() {
        return dir.resolve("podman.sock");
    }

    private List<String> podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(), "--runroot",
                dir.resolve("run").toString(), "--tmpdir", dir.resolve("tmp").toString(), "--storage-driver=vfs",
                "--cgroup-manager=cgroupfs", "--events-backend=file"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public void start() throws IOException, InterruptedException {
        service = new ProcessBuilder(podman("--log-level=error", "system", "service", "--time=0", "unix://" + socket()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end && !Files.exists(socket()) && service.isAlive()) {
            Thread.sleep(100);
        }
        if (!Files.exists(socket())) {
            throw new IOException("podman's API service did not start on " + socket() + ": "
                    + Files.readString(dir.resolve("service.log")));
        }
        Path root = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String cmd = "tar -C '" + dir.resolve("rootfs") + "' -c . | " + String.join(" ", podman("import", "-", TestDocker.IMAGE));
        cli(List.of("sh", "-c", cmd));
    }

    /** Runs a detached container; returns its id. */
    public String run(String name, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                "--network", "none", "--name", name, TestDocker.IMAGE));
        args.addAll(List.of(command));
        String[] lines = cli(podman(args.toArray(String[]::new))).strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    public void remove(String name) throws IOException, InterruptedException {
        cli(podman("rm", "-f", name));
    }

    private static String cli(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Stops the service, then removes everything it kept (its storage, best effort: /tmp is cleaned anyway). */
    @Override
    public void close() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroy();
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
        try {
            cli(podman("system", "reset", "--force"));
        } catch (IOException e) {
            // a reset that fails leaves files in a temp dir, nothing more
        }
        try {
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // as above
        }
    }
}
