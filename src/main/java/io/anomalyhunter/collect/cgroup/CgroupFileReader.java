package io.anomalyhunter.collect.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** The I/O shared by both hierarchies: small files that may vanish with their cgroup, and subdirectories. */
final class CgroupFileReader {
    /** Files v1 and v2 put in every cgroup that have no dot-prefix; a name like these is never a child cgroup. */
    private static final Set<String> PLAIN_FILES = Set.of("tasks", "notify_on_release", "release_agent");

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[4096]);

    private CgroupFileReader() {
    }

    /** The file's text, or empty when it does not exist (controller off, or the cgroup went away). */
    static Optional<String> text(Path file) {
        // A plain stream into a per-thread buffer: cgroup files are small, and Files.readAllBytes asks each
        // file's size first (one more system call per file, a few hundred per poll).
        byte[] buf = BUFFER.get();
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            int n = 0;
            int r;
            while ((r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
                if (n == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    BUFFER.set(buf);
                }
            }
            return Optional.of(new String(buf, 0, n, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // missing (controller off, cgroup gone), or a cgroup being removed answering ENODEV for a moment
            return Optional.empty();
        }
    }

    /**
     * Child cgroups of a directory. Kernel files are named "controller.key" (or one of a few plain names),
     * so only other names are checked for being directories: a stat per child cgroup, not per file.
     */
    static List<String> subdirectories(Path dir) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (looksLikeKernelFile(name)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    out.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // gone, or not readable: nothing below it that we can see
        }
        return out;
    }

    static boolean looksLikeKernelFile(String name) {
        if (PLAIN_FILES.contains(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        // "memory.stat", "cgroup.procs"; unit names like "nginx.service" have their dot late, after a name
        return dot > 0 && KERNEL_PREFIXES.contains(name.substring(0, dot));
    }

    private static final Set<String> KERNEL_PREFIXES = Set.of("cgroup", "cpu", "cpuacct", "cpuset", "memory", "io",
            "blkio", "pids", "hugetlb", "rdma", "misc", "devices", "freezer", "net_cls", "net_prio", "perf_event");

    /** The first pid listed in a cgroup's (or, when it has none, a child's) cgroup.procs. */
    static OptionalInt anyPid(Path dir, int depth) {
        Optional<String> procs = text(dir.resolve("cgroup.procs"));
        if (procs.isPresent()) {
            String t = procs.get();
            int nl = t.indexOf('\n');
            String first = (nl < 0 ? t : t.substring(0, nl)).strip();
            if (!first.isEmpty()) {
                try {
                    return OptionalInt.of(Integer.parseInt(first));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        if (depth > 0) {
            for (String child : subdirectories(dir)) {
                OptionalInt pid = anyPid(dir.resolve(child), depth - 1);
                if (pid.isPresent()) {
                    return pid;
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The directory of a cgroup path below a hierarchy's mount. */
    static Path dir(Path mount, String cgroupPath) {
        return cgroupPath.equals("/") ? mount : mount.resolve(cgroupPath.substring(1));
    }
}
