package io.anomalyhunter.collect.cgroup;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.SampleSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Containers, systemd services and hand-made cgroups, read straight from the cgroup files (as cAdvisor and
 * Netdata do: cheap, and the same whatever the runtime); the runtime's API only adds names. Where no cgroup
 * hierarchy can be read, the collector says so once, stays off and looks again every few minutes.
 */
public final class CgroupCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(CgroupCollector.class.getName());
    public static final String NAME = "cgroups";
    /** Each entity makes about a dozen series; past this many the rest are left out (and said so). */
    static final int MAX_ENTITIES = 500;
    private static final Duration RETRY = Duration.ofMinutes(5);
    private static final int MAX_LOGGED_PROBLEMS = 1000;

    private final Path mountinfo;
    private final Path proc;
    private final ContainerDirectory directory;
    private final ChangeSink changes;
    private final CgroupSampler sampler = new CgroupSampler();
    private final ServiceTransitions units = new ServiceTransitions();
    private final Set<String> loggedProblems = new HashSet<>();
    private CgroupTree tree;
    private NetNamespaces namespaces;
    private Instant nextLook = Instant.MIN;
    private boolean overLimitLogged;
    private volatile CollectorState state = new CollectorState(NAME, CollectorState.Status.RUNNING, "starting");
    private volatile List<CgroupEntity> entities = List.of();
    /** A process of each container seen last poll, for its network namespace. */
    private final java.util.Map<String, Integer> pids = new java.util.HashMap<>();

    /** {@code changes} hears systemd units start and stop (their service cgroups appear and go). */
    public CgroupCollector(Path mountinfo, Path proc, ContainerDirectory directory, ChangeSink changes) {
        this.mountinfo = mountinfo;
        this.proc = proc;
        this.directory = directory;
        this.changes = changes;
    }

    /** This host's cgroups, through /proc. */
    public static CgroupCollector forHost(ContainerDirectory directory, ChangeSink changes) {
        return new CgroupCollector(Path.of("/proc/self/mountinfo"), Path.of("/proc"), directory, changes);
    }

    /** This host's cgroups, through /proc, with unit changes dropped (benchmarks, tests of the figures). */
    public static CgroupCollector forHost(ContainerDirectory directory) {
        return forHost(directory, change -> { });
    }

    @Override
    public CollectorState state() {
        return state;
    }

    /** The entities found at the last poll. */
    public List<CgroupEntity> entities() {
        return entities;
    }

    @Override
    public void collect(Instant now, SampleSink sink) {
        if (tree == null && !look(now)) {
            return;
        }
        List<CgroupEntity> found = EntityDiscovery.discover(tree::children, MAX_ENTITIES + 1);
        if (found.size() <= MAX_ENTITIES) {
            for (Change c : units.next(found, now)) {
                changes.change(c);
            }
        } else {
            // Past the limit the services at its edge would come and go with the count: say nothing of units.
            units.forget();
            found = found.subList(0, MAX_ENTITIES);
            if (!overLimitLogged) {
                LOG.warning("cgroups: more than " + MAX_ENTITIES + " containers and services; the rest are not watched");
                overLimitLogged = true;
            }
        }
        List<EntityReading> readings = new ArrayList<>(found.size());
        for (CgroupEntity e : found) {
            Optional<CgroupStats> stats = tree.read(e.path(), this::malformed);
            if (stats.isEmpty()) {
                continue; // went away since it was listed
            }
            Optional<NetCounters> net = e.kind() == CgroupEntity.Kind.CONTAINER ? network(e, now) : Optional.empty();
            List<String> labels = EntityLabels.of(e, e.kind() == CgroupEntity.Kind.CONTAINER
                    ? directory.find(e.runtime(), e.id()) : Optional.empty());
            readings.add(new EntityReading(e, labels, stats.get(), net));
        }
        entities = List.copyOf(found);
        pids.keySet().retainAll(found.stream().map(CgroupEntity::path).toList());
        state = new CollectorState(NAME, CollectorState.Status.RUNNING, tree.describe() + ", " + readings.size()
                + " containers, services and cgroups");
        sink.accept(sampler.samples(readings, now));
    }

    /**
     * The container's network counters: from its own namespace through one of its processes where that can be
     * read here, else as its runtime's API last reported them. The process found last poll is tried first (a
     * container's main process lives as long as it does), so cgroup.procs is read only when it is gone.
     */
    private Optional<NetCounters> network(CgroupEntity e, Instant now) {
        Integer known = pids.get(e.path());
        if (known != null) {
            NetNamespaces.Access access = namespaces.access(known);
            if (access != NetNamespaces.Access.UNREADABLE) {
                return network(e, known, access, now);
            }
        }
        OptionalInt pid = tree.anyPid(e.path());
        if (pid.isEmpty()) {
            pids.remove(e.path());
            return directory.network(e.runtime(), e.id());
        }
        pids.put(e.path(), pid.getAsInt());
        return network(e, pid.getAsInt(), namespaces.access(pid.getAsInt()), now);
    }

    private Optional<NetCounters> network(CgroupEntity e, int pid, NetNamespaces.Access access, Instant now) {
        return switch (access) {
            case HOST -> Optional.empty(); // --network host: its traffic is the host's, counted per interface
            case OWN -> namespaces.counters(pid, now).or(() -> directory.network(e.runtime(), e.id()));
            case UNREADABLE -> directory.network(e.runtime(), e.id());
        };
    }

    /** Finds the hierarchy; false (and off until the next look) when there is none to read. */
    private boolean look(Instant now) {
        if (now.isBefore(nextLook)) {
            return false;
        }
        nextLook = now.plus(RETRY);
        Optional<CgroupTree> found = CgroupFileReader.text(mountinfo).map(CgroupLayout::parse).flatMap(CgroupCollector::treeFor);
        if (found.isEmpty()) {
            boolean first = state.detail().equals("starting");
            state = new CollectorState(NAME, CollectorState.Status.DISABLED, "no readable cgroup hierarchy in " + mountinfo
                    + " (looking again every " + RETRY.toMinutes() + " min)");
            if (first) {
                LOG.warning("cgroups collector off: no readable cgroup hierarchy in " + mountinfo + "; looking again every "
                        + RETRY.toMinutes() + " min");
            }
            return false;
        }
        tree = found.get();
        namespaces = new NetNamespaces(proc);
        LOG.info("cgroups collector reads " + tree.describe());
        return true;
    }

    /** v2 where the unified hierarchy holds the controllers; else v1 (hybrid hosts mount an empty v2 beside it). */
    static Optional<CgroupTree> treeFor(CgroupLayout layout) {
        if (layout.unified().isPresent()) {
            Path root = layout.unified().get();
            String controllers = CgroupFileReader.text(root.resolve("cgroup.controllers")).orElse("");
            if (controllers.contains("cpu") || controllers.contains("memory")) {
                return Optional.of(new UnifiedCgroupTree(root));
            }
        }
        if (layout.v1().containsKey("cpuacct") || layout.v1().containsKey("memory")) {
            boolean readable = layout.v1().values().stream().anyMatch(Files::isReadable);
            return readable ? Optional.of(new SplitCgroupTree(layout.v1())) : Optional.empty();
        }
        return Optional.empty();
    }

    private void malformed(String file, String message) {
        if (loggedProblems.size() < MAX_LOGGED_PROBLEMS && loggedProblems.add(file)) {
            LOG.warning("cgroups: skipped " + file + ": " + message);
        }
    }
}
