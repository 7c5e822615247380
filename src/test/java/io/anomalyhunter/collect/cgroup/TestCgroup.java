package io.anomalyhunter.collect.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cgroup the test makes at the top of some hierarchies (v1 controllers and/or v2), with a process moved
 * into it; removed on close, once the process is gone.
 */
final class TestCgroup implements AutoCloseable {
    final String name;
    private final List<Path> dirs = new ArrayList<>();

    private TestCgroup(String name) {
        this.name = name;
    }

    /** Makes the cgroup under each mount; empty when this process may not (not root, read-only mount). */
    static java.util.Optional<TestCgroup> make(List<Path> mounts) {
        TestCgroup c = new TestCgroup("ah-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000);
        try {
            for (Path m : mounts) {
                Path d = m.resolve(c.name);
                Files.createDirectory(d);
                c.dirs.add(d);
            }
            return java.util.Optional.of(c);
        } catch (IOException | SecurityException e) {
            c.close();
            return java.util.Optional.empty();
        }
    }

    void move(long pid) throws IOException {
        for (Path d : dirs) {
            Files.writeString(d.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    @Override
    public void close() {
        for (Path d : dirs) {
            for (int i = 0; i < 50 && Files.exists(d); i++) {
                try {
                    Files.delete(d); // rmdir: refused while the killed process is still being reaped
                } catch (IOException e) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
