package io.anomalyhunter.collect.docker;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which container events are changes worth recording, and how they read. Pure. */
final class DockerChanges {
    /** Lifecycle events; exec_*, attach, resize, top, archive and the like are routine and left out. */
    private static final Set<String> LIFECYCLE = Set.of("create", "start", "restart", "die", "stop", "kill", "oom",
            "destroy", "pause", "unpause", "rename", "update");

    private static final Map<String, String> PAST = Map.of("create", "created", "start", "started", "restart",
            "restarted", "stop", "stopped", "destroy", "removed", "pause", "paused", "unpause", "unpaused", "rename",
            "renamed", "update", "updated");

    private DockerChanges() {
    }

    static Optional<Change> of(DockerEvent e, String source) {
        String action = e.action();
        boolean health = action.startsWith("health_status");
        if (!health && !LIFECYCLE.contains(action)) {
            return Optional.empty();
        }
        Map<String, String> details = new HashMap<>();
        details.put("action", action);
        details.put("id", e.containerId());
        copy(e, "image", details, "image");
        copy(e, "exitCode", details, "exit_code");
        if (action.equals("die")) {
            copy(e, "containerExitCode", details, "exit_code"); // Podman's word for it
        }
        copy(e, "signal", details, "signal");
        String summary = switch (action) {
            case "die" -> "exited with code " + details.getOrDefault("exit_code", "?");
            case "oom" -> "ran out of memory: the kernel's OOM killer killed a process in it";
            case "kill" -> "sent signal " + e.attributes().getOrDefault("signal", "?");
            default -> health ? "health check: " + action.substring(action.indexOf(':') + 1).strip()
                    : PAST.getOrDefault(action, action);
        };
        ChangeKind kind = action.equals("oom") ? ChangeKind.OOM : ChangeKind.CONTAINER;
        return Optional.of(new Change(e.time(), kind, e.name(), summary, details, source));
    }

    private static void copy(DockerEvent e, String from, Map<String, String> to, String as) {
        String v = e.attributes().get(from);
        if (v != null) {
            to.put(as, v);
        }
    }
}
