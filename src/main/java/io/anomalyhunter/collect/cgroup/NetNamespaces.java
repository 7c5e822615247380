package io.anomalyhunter.collect.cgroup;

import io.anomalyhunter.collect.host.HostReading;
import io.anomalyhunter.collect.host.ProcFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Network counters of a process's own network namespace, read from /proc/PID/net/dev. A process in the
 * host's namespace gives nothing: its traffic is the host's, already counted per interface.
 */
final class NetNamespaces {
    private final Path proc;
    private final String hostNamespace;

    NetNamespaces(Path proc) {
        this.proc = proc;
        this.hostNamespace = link(proc.resolve("self/ns/net")).orElse("");
    }

    /** What can be said of a process's network namespace. */
    enum Access { OWN, HOST, UNREADABLE }

    /** Whether the process has a namespace of its own that we can read, shares the host's, or cannot be looked at. */
    Access access(int pid) {
        Optional<String> ns = link(proc.resolve(pid + "/ns/net"));
        return ns.isEmpty() ? Access.UNREADABLE : ns.get().equals(hostNamespace) ? Access.HOST : Access.OWN;
    }

    /** The counters over the namespace's interfaces but loopback; empty when /proc/PID/net/dev cannot be read. */
    Optional<NetCounters> counters(int pid, Instant now) {
        return CgroupFileReader.text(proc.resolve(pid + "/net/dev")).map(NetNamespaces::sum)
                .map(b -> new NetCounters(b[0], b[1], now));
    }

    /** Sums /proc/net/dev's receive and transmit bytes over every interface but lo. */
    static long[] sum(String netDev) {
        long rx = 0;
        long tx = 0;
        for (HostReading.Nic n : ProcFiles.netDev(netDev, name -> !name.equals("lo"))) {
            rx += n.rxBytes();
            tx += n.txBytes();
        }
        return new long[] {rx, tx};
    }

    private static Optional<String> link(Path p) {
        try {
            return Optional.of(Files.readSymbolicLink(p).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
