package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Logins, logouts and boots, from the records appended to wtmp since the last poll (read from its end at start;
 * a file that shrank was rotated and is read from its start). A host without wtmp has no such changes.
 */
final class LoginWatch implements HostWatch {
    private static final int MAX_RECORDS = 1000;
    private final Path file;
    private final Wtmp wtmp = new Wtmp();
    private long offset = -1;

    LoginWatch(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<Change> poll(Instant now) {
        List<Change> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                offset = 0;
                return out;
            }
            long size = Files.size(file);
            long whole = size - size % Wtmp.RECORD;
            if (offset < 0) {
                offset = whole;
                return out;
            }
            if (whole < offset) {
                offset = 0; // rotated
            }
            long count = Math.min(MAX_RECORDS, (whole - offset) / Wtmp.RECORD);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(offset);
                for (long i = 0; i < count; i++) {
                    byte[] r = new byte[Wtmp.RECORD];
                    f.readFully(r);
                    wtmp.parse(r).ifPresent(out::add);
                }
            }
            offset += count * Wtmp.RECORD;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
