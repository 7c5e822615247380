package io.anomalyhunter.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Forty idle child processes: a condition the soak can start and end at will (host_processes above a limit). */
final class Sleepers implements AutoCloseable {
    static final int COUNT = 40;
    private final List<Process> processes = new ArrayList<>();

    Sleepers() throws IOException {
        for (int i = 0; i < COUNT; i++) {
            processes.add(new ProcessBuilder("sleep", "3600").start());
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }
}
