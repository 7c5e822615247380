package io.anomalyhunter.collect.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailedFileTest {
    @TempDir
    Path dir;

    @Test
    void newCompleteLinesOnlyAcrossRotation() throws Exception {
        Path log = dir.resolve("dpkg.log");
        Files.writeString(log, "old 1\nold 2\n");
        TailedFile t = new TailedFile(log);
        assertEquals(List.of(), t.newLines(), "history is not news");
        Files.writeString(log, "new 1\nnew 2 partial", StandardOpenOption.APPEND);
        assertEquals(List.of("new 1"), t.newLines(), "a partial line waits for its end");
        Files.writeString(log, " done\n", StandardOpenOption.APPEND);
        assertEquals(List.of("new 2 partial done"), t.newLines());
        Files.move(log, dir.resolve("dpkg.log.1"));
        Files.writeString(log, "after rotation\n");
        assertEquals(List.of("after rotation"), t.newLines(), "a new file is read from its start");
    }
}
