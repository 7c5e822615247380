package io.anomalyhunter.collect.cgroup;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * systemd units started and stopped, seen as their service cgroups appearing and going: systemd makes a
 * unit's cgroup when it starts the unit and removes it once the last process is gone. This needs no D-Bus and
 * reads the same on v1 and v2. What it cannot tell is why a unit stopped (failed or asked to): that lives in
 * systemd's state and journal, which we do not read. The first look learns what runs and reports nothing.
 * Not thread-safe.
 */
final class ServiceTransitions {
    static final String SOURCE = "cgroups";
    private Map<String, String> running;

    /** The changes since the last look, given every entity discovered now. */
    List<Change> next(List<CgroupEntity> found, Instant now) {
        Map<String, String> services = new LinkedHashMap<>();
        for (CgroupEntity e : found) {
            if (e.kind() == CgroupEntity.Kind.SERVICE) {
                services.put(e.id(), e.path());
            }
        }
        Map<String, String> before = running;
        running = services;
        if (before == null) {
            return List.of();
        }
        List<Change> out = new ArrayList<>();
        services.forEach((unit, path) -> {
            if (!before.containsKey(unit)) {
                out.add(new Change(now, ChangeKind.UNIT, unit, "started", Map.of("cgroup", path), SOURCE));
            }
        });
        before.forEach((unit, path) -> {
            if (!services.containsKey(unit)) {
                out.add(new Change(now, ChangeKind.UNIT, unit, "stopped (its cgroup is gone)", Map.of("cgroup", path), SOURCE));
            }
        });
        return out;
    }

    /** Starts over: the next look learns again and reports nothing. */
    void forget() {
        running = null;
    }
}
