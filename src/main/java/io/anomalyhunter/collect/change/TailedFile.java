package io.anomalyhunter.collect.change;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete lines appended to a log file since the last read. Starts at the end (history is not news).
 * A file that shrank or was replaced (logrotate) is read from its start. A partial last line waits for its end.
 */
final class TailedFile {
    private static final int MAX_READ = 1 << 20;
    private final Path file;
    private long offset = -1;
    private Object identity;

    TailedFile(Path file) {
        this.file = file;
    }

    List<String> newLines() throws IOException {
        if (!Files.exists(file)) {
            offset = 0; // not there yet: when it appears, everything in it is new
            identity = null;
            return List.of();
        }
        Object id = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        long size = Files.size(file);
        if (offset < 0) {
            offset = size;
            identity = id;
            return List.of();
        }
        if (size < offset || (identity != null && id != null && !id.equals(identity))) {
            offset = 0; // rotated
        }
        identity = id;
        if (size == offset) {
            return List.of();
        }
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(offset);
            bytes = new byte[(int) Math.min(MAX_READ, size - offset)];
            f.readFully(bytes);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        offset += end;
        List<String> lines = new ArrayList<>();
        for (String l : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }
}
