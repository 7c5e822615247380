package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Packages installed, upgraded or removed, from the lines dpkg appends to its log. */
final class DpkgWatch implements HostWatch {
    private final TailedFile log;
    private final Path file;
    private final ZoneId zone;

    DpkgWatch(Path file, ZoneId zone) {
        this.file = file;
        this.log = new TailedFile(file);
        this.zone = zone;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<Change> poll(Instant now) {
        List<Change> out = new ArrayList<>();
        try {
            for (String line : log.newLines()) {
                DpkgLog.parse(line, zone).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
