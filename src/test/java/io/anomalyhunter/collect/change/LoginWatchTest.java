package io.anomalyhunter.collect.change;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wtmp records written in glibc's x86-64 layout, appended as login(1) and sshd append them. */
class LoginWatchTest {
    @TempDir
    Path dir;

    static byte[] record(short type, int pid, String line, String user, String host, long seconds) {
        ByteBuffer b = ByteBuffer.allocate(Wtmp.RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, type);
        b.putInt(4, pid);
        put(b, 8, line);
        put(b, 44, user);
        put(b, 76, host);
        b.putInt(340, (int) seconds);
        return b.array();
    }

    private static void put(ByteBuffer b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            b.put(at + i, bytes[i]);
        }
    }

    @Test
    void loginsAndLogoutsAppendedSinceTheLastPoll() throws Exception {
        Path wtmp = dir.resolve("wtmp");
        Files.write(wtmp, record(Wtmp.USER_PROCESS, 10, "pts/9", "old", "10.0.0.9", 1_700_000_000L));
        LoginWatch w = new LoginWatch(wtmp);
        assertEquals(List.of(), w.poll(Instant.now()), "history is not news");
        Files.write(wtmp, record(Wtmp.USER_PROCESS, 4242, "pts/0", "ops", "10.0.0.5", 1_764_640_000L), StandardOpenOption.APPEND);
        Files.write(wtmp, record(Wtmp.DEAD_PROCESS, 4242, "pts/0", "", "", 1_764_640_060L), StandardOpenOption.APPEND);
        List<Change> found = w.poll(Instant.now());
        assertEquals(2, found.size(), found.toString());
        assertEquals(ChangeKind.LOGIN, found.get(0).kind());
        assertEquals("ops", found.get(0).subject());
        assertEquals("logged in on pts/0 from 10.0.0.5", found.get(0).summary());
        assertEquals(Instant.ofEpochSecond(1_764_640_000L), found.get(0).time());
        assertEquals("ops", found.get(1).subject(), "the logout names the user of that terminal's login");
        assertEquals("logged out of pts/0", found.get(1).summary());
        Files.write(wtmp, new byte[100], StandardOpenOption.APPEND);
        assertEquals(List.of(), w.poll(Instant.now()), "a partial record waits for the rest");
    }
}
