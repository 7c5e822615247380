package io.anomalyhunter.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usable space on the disk of the database's folder, read at most every few seconds (it is a system call). */
final class FreeSpace {
    private static final long CHECK_NANOS = 5_000_000_000L;
    private final Path dir;
    private long checkedAt = Long.MIN_VALUE;
    private long bytes = Long.MAX_VALUE;

    FreeSpace(Path databaseFile) {
        Path parent = databaseFile.toAbsolutePath().getParent();
        this.dir = parent == null ? Path.of(".") : parent;
    }

    /** Bytes a non-root writer can still use there; Long.MAX_VALUE when the disk cannot be asked. */
    long bytes() {
        long now = System.nanoTime();
        if (checkedAt == Long.MIN_VALUE || now - checkedAt >= CHECK_NANOS) {
            checkedAt = now;
            try {
                bytes = Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                bytes = Long.MAX_VALUE;
            }
        }
        return bytes;
    }

    Path dir() {
        return dir;
    }
}
