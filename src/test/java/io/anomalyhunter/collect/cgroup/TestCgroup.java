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
    /** Every directory made, deepest first (the order to remove them). */
    private final List<Path> dirs = new ArrayList<>();
    /** The cgroup itself under each mount. */
    private final List<Path> leaves = new ArrayList<>();

    private TestCgroup(String name) {
        this.name = name;
    }

    /** Makes the cgroup under each mount; empty when this process may not (not root, read-only mount). */
    static java.util.Optional<TestCgroup> make(List<Path> mounts) {
        return make(mounts, "ah-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000);
    }

    /**
     * Makes {@code name} (a path such as {@code system.slice/x.service}) under each mount, and the parents it
     * lacks; close removes what it made, deepest first.
     */
    static java.util.Optional<TestCgroup> make(List<Path> mounts, String name) {
        TestCgroup c = new TestCgroup(name);
        try {
            for (Path m : mounts) {
                List<Path> made = new ArrayList<>();
                for (Path d = m.resolve(name); !Files.exists(d); d = d.getParent()) {
                    made.add(0, d);
                }
                for (Path d : made) {
                    Files.createDirectory(d);
                    c.dirs.add(0, d);
                }
                c.leaves.add(m.resolve(name));
            }
            return java.util.Optional.of(c);
        } catch (IOException | SecurityException e) {
            c.close();
            return java.util.Optional.empty();
        }
    }

    void move(long pid) throws IOException {
        for (Path d : leaves) {
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
