package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Package changes from dpkg's log lines: "2026-12-02 01:02:03 install pkg:amd64 &lt;none&gt; 1.0-1", "upgrade pkg
 * old new", "remove pkg old &lt;none&gt;", "purge ...". The status and trigger lines around them are not changes.
 * dpkg writes local time. Pure.
 */
final class DpkgLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DpkgLog() {
    }

    static Optional<Change> parse(String line, ZoneId zone) {
        String[] f = line.strip().split(" ");
        if (f.length != 6) {
            return Optional.empty();
        }
        String action = f[2];
        if (!action.equals("install") && !action.equals("upgrade") && !action.equals("remove") && !action.equals("purge")) {
            return Optional.empty();
        }
        LocalDateTime time;
        try {
            time = LocalDateTime.parse(f[0] + " " + f[1], TIME);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String pkg = f[3].contains(":") ? f[3].substring(0, f[3].indexOf(':')) : f[3];
        String from = f[4].equals("<none>") ? "" : f[4];
        String to = f[5].equals("<none>") ? "" : f[5];
        String summary = switch (action) {
            case "install" -> "installed " + to + (from.isEmpty() ? "" : " (was " + from + ")");
            case "upgrade" -> "upgraded " + from + " -> " + to;
            case "remove" -> "removed " + from;
            default -> "purged " + from;
        };
        return Optional.of(new Change(time.atZone(zone).toInstant(), ChangeKind.PACKAGE, pkg, summary,
                Map.of("action", action, "package", f[3], "from", from, "to", to), "dpkg.log"));
    }
}
