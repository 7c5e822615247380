package io.anomalyhunter.collect.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchesTest {
    @TempDir
    Path dir;

    @Test
    void ourConfigEditedAndRemoved() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "detection:\n  interval: 10s\n");
        FileChangeWatch w = new FileChangeWatch(config, ChangeKind.CONFIG);
        assertEquals(List.of(), w.poll(Instant.now()));
        assertEquals(List.of(), w.poll(Instant.now()), "unchanged");
        Files.writeString(config, "detection:\n  interval: 5s\n");
        List<Change> edited = w.poll(Instant.now());
        assertEquals(1, edited.size());
        assertEquals(ChangeKind.CONFIG, edited.get(0).kind());
        assertEquals("edited (takes effect at the next start)", edited.get(0).summary());
        Files.delete(config);
        assertEquals("removed", w.poll(Instant.now()).get(0).summary());
    }

    @Test
    void kernelOomKillsFromVmstat() throws Exception {
        Path vmstat = Files.writeString(dir.resolve("vmstat"), "nr_free_pages 1\noom_kill 2\n");
        OomWatch w = new OomWatch(vmstat);
        assertEquals(List.of(), w.poll(Instant.now()));
        Files.writeString(vmstat, "nr_free_pages 1\noom_kill 5\n");
        List<Change> c = w.poll(Instant.now());
        assertEquals("the OOM killer killed 3 processes", c.get(0).summary());
        assertEquals(ChangeKind.OOM, c.get(0).kind());
        assertEquals(List.of(), w.poll(Instant.now()));
    }
}
