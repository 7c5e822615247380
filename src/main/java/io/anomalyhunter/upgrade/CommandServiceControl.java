package io.anomalyhunter.upgrade;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command with "stop" or "start" appended: by default {@code systemctl stop|start anomaly-hunter.service};
 * hosts without systemd (and tests) give their own command.
 */
public final class CommandServiceControl implements ServiceControl {
    public static final List<String> SYSTEMD = List.of("systemctl");

    private final List<String> command;

    public CommandServiceControl(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        run("stop");
    }

    @Override
    public void start() throws IOException, InterruptedException {
        run("start");
    }

    private void run(String action) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(action);
        if (command.equals(SYSTEMD)) {
            cmd.add("anomaly-hunter.service");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out));
        }
    }
}
