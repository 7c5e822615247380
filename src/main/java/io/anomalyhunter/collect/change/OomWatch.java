package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Kernel OOM kills anywhere on the host, from the {@code oom_kill} counter in /proc/vmstat (Linux 4.13+). Which
 * container or service lost a process is told by the runtime's events and the cgroups' own counters.
 */
final class OomWatch implements HostWatch {
    private final Path vmstat;
    private long last = -1;

    OomWatch(Path vmstat) {
        this.vmstat = vmstat;
    }

    @Override
    public String name() {
        return "oom";
    }

    @Override
    public List<Change> poll(Instant now) {
        long count = count();
        long before = last;
        last = count;
        if (before < 0 || count <= before) {
            return List.of();
        }
        long killed = count - before;
        return List.of(new Change(now, ChangeKind.OOM, "kernel", "the OOM killer killed " + killed
                + (killed == 1 ? " process" : " processes"), Map.of("count", Long.toString(killed)), "vmstat"));
    }

    private long count() {
        try {
            for (String line : Files.readAllLines(vmstat)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring(9).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
