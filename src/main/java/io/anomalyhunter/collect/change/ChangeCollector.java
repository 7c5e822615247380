package io.anomalyhunter.collect.change;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeKind;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.SampleSink;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The change feed's own sources, polled on the collection schedule: processes, listening sockets, network
 * interfaces, dpkg's log, kernel OOM kills, logins (wtmp) and our config file. (Container events come from the runtime
 * collectors.) A source that fails is said once and skipped; the others go on, and it is tried again each poll.
 */
public final class ChangeCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(ChangeCollector.class.getName());
    public static final String NAME = "changes";

    private final List<HostWatch> watches;
    private final ChangeSink sink;
    private final Set<String> failing = new HashSet<>();
    private volatile CollectorState state;

    ChangeCollector(List<HostWatch> watches, ChangeSink sink) {
        this.watches = List.copyOf(watches);
        this.sink = sink;
        this.state = new CollectorState(NAME, CollectorState.Status.RUNNING, describe());
    }

    /** This host's sources; {@code config} is the daemon's config file, when it has one. */
    public static ChangeCollector forHost(Optional<Path> config, ChangeSink sink) {
        List<HostWatch> w = new ArrayList<>(List.of(new ProcessWatch(Path.of("/proc"), Path.of("/etc/passwd")),
                new SocketWatch(Path.of("/proc")), new InterfaceWatch(), new DpkgWatch(Path.of("/var/log/dpkg.log"),
                        ZoneId.systemDefault()), new OomWatch(Path.of("/proc/vmstat")), new LoginWatch(Path.of("/var/log/wtmp"))));
        config.ifPresent(c -> w.add(new FileChangeWatch(c, ChangeKind.CONFIG)));
        return new ChangeCollector(w, sink);
    }

    private String describe() {
        return "watching " + String.join(", ", watches.stream().map(HostWatch::name).toList());
    }

    @Override
    public CollectorState state() {
        return state;
    }

    @Override
    public void collect(Instant now, SampleSink samples) {
        for (HostWatch w : watches) {
            try {
                for (Change c : w.poll(now)) {
                    sink.change(c);
                }
                if (failing.remove(w.name())) {
                    LOG.info("changes: " + w.name() + " reads again");
                }
            } catch (RuntimeException e) {
                if (failing.add(w.name())) {
                    LOG.warning("changes: cannot read " + w.name() + " (trying again each poll): " + e.getMessage());
                }
            }
        }
        sink.tick(now);
        state = failing.isEmpty() ? new CollectorState(NAME, CollectorState.Status.RUNNING, describe())
                : new CollectorState(NAME, CollectorState.Status.FAILED, "cannot read " + String.join(", ", failing)
                        + "; " + describe());
    }
}
