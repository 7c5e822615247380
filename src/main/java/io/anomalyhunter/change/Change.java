package io.anomalyhunter.change;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that changed on the host: "what changed just before it broke?".
 *
 * @param subject what changed: a container's or unit's name, a process name, a port, a package
 * @param summary one line for a person ("died with exit code 1")
 * @param details the facts behind it (pid, user, exit_code, image, ...)
 * @param source where we learnt it ("docker", "procfs", "dpkg.log", ...)
 */
public record Change(Instant time, ChangeKind kind, String subject, String summary, Map<String, String> details,
                     String source) {
    public Change {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(source, "source");
        details = Map.copyOf(details);
    }
}
