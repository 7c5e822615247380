package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * glibc's utmp records (/var/log/wtmp on x86-64: 384 bytes, little-endian) as login changes. A logout record
 * names only the terminal, so the user is remembered from that terminal's login. Pure but for that memory.
 */
final class Wtmp {
    static final int RECORD = 384;
    static final short BOOT_TIME = 2;
    static final short USER_PROCESS = 7;
    static final short DEAD_PROCESS = 8;
    private final Map<String, String> userByLine = new HashMap<>();

    Optional<Change> parse(byte[] record) {
        if (record.length != RECORD) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        short type = b.getShort(0);
        int pid = b.getInt(4);
        String line = text(record, 8, 32);
        String user = text(record, 44, 32);
        String host = text(record, 76, 256);
        Instant time = Instant.ofEpochSecond(Integer.toUnsignedLong(b.getInt(340)), b.getInt(344) * 1000L);
        Map<String, String> details = new HashMap<>(Map.of("terminal", line, "pid", Integer.toString(pid)));
        switch (type) {
            case USER_PROCESS -> {
                userByLine.put(line, user);
                details.put("user", user);
                details.put("from", host);
                return Optional.of(new Change(time, ChangeKind.LOGIN, user, "logged in on " + line
                        + (host.isEmpty() ? "" : " from " + host), details, "wtmp"));
            }
            case DEAD_PROCESS -> {
                String who = userByLine.remove(line);
                if (line.isEmpty()) {
                    return Optional.empty();
                }
                details.put("user", who == null ? "" : who);
                return Optional.of(new Change(time, ChangeKind.LOGIN, who == null ? line : who, "logged out of " + line,
                        details, "wtmp"));
            }
            case BOOT_TIME -> {
                return Optional.of(new Change(time, ChangeKind.LOGIN, "system", "booted (kernel " + host + ")", details, "wtmp"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static String text(byte[] r, int offset, int length) {
        int end = offset;
        while (end < offset + length && r[end] != 0) {
            end++;
        }
        return new String(r, offset, end - offset, StandardCharsets.UTF_8).strip();
    }
}
