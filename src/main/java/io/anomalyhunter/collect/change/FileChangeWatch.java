package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A file whose content changed (our own config): compared by SHA-256 each poll; it takes effect at the next start. */
final class FileChangeWatch implements HostWatch {
    private final Path file;
    private final ChangeKind kind;
    private String digest;
    private boolean first = true;

    FileChangeWatch(Path file, ChangeKind kind) {
        this.file = file;
        this.kind = kind;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public List<Change> poll(Instant now) {
        String now256 = sha256();
        String before = digest;
        boolean wasFirst = first;
        digest = now256;
        first = false;
        if (wasFirst || java.util.Objects.equals(before, now256)) {
            return List.of();
        }
        String summary = now256 == null ? "removed" : before == null ? "created" : "edited (takes effect at the next start)";
        return List.of(new Change(now, kind, file.toString(), summary, Map.of("sha256", now256 == null ? "" : now256,
                "previous_sha256", before == null ? "" : before), "file"));
    }

    private String sha256() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
