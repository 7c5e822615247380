package io.anomalyhunter.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 messages through the queue while the process is SIGKILLed at random moments: afterwards every
 * message was delivered at least once, and duplicates stay within what can be in flight at a kill.
 */
class QueueCrashTest {
    static final int TOTAL = 100_000;
    static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void nothingAcceptedIsLostAcrossKills() throws Exception {
        Path db = dir.resolve("q.db");
        Path log = dir.resolve("delivered.log");
        Random random = new Random(42);
        int killed = 0;
        for (int i = 0; i < KILLS; i++) {
            Process p = driver(db, log);
            if (p.waitFor(300 + random.nextInt(1200), TimeUnit.MILLISECONDS)) {
                break; // finished before the kill
            }
            p.destroyForcibly().waitFor(); // SIGKILL
            killed++;
        }
        Process last = driver(db, log);
        assertTrue(last.waitFor(180, TimeUnit.SECONDS), "the last run finishes");
        assertEquals(0, last.exitValue(), new String(last.getInputStream().readAllBytes()));

        int[] seen = new int[TOTAL];
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            seen[Integer.parseInt(line)]++;
        }
        int missing = 0;
        for (int s : seen) {
            missing += s == 0 ? 1 : 0;
        }
        int duplicates = lines.size() - (TOTAL - missing);
        System.out.println("queue crash test: " + killed + " SIGKILLs, " + lines.size() + " deliveries of " + TOTAL
                + " messages, " + missing + " missing, " + duplicates + " duplicates");
        assertTrue(killed >= 3, "the process was killed mid-run at least 3 times (" + killed + ")");
        assertEquals(0, missing, "messages never delivered");
        // At a kill at most two leased batches are delivered but not acked.
        assertTrue(duplicates <= killed * 2 * QueueCrashDriver.BATCH, duplicates + " duplicates");
    }

    private Process driver(Path db, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xss4m", "-cp", System.getProperty("java.class.path"),
                QueueCrashDriver.class.getName(), db.toString(), log.toString(), Integer.toString(TOTAL))
                .redirectErrorStream(true).redirectOutput(dir.resolve("driver.out").toFile()).start();
    }
}
