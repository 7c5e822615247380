package io.anomalyhunter.detect.net;

import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.traffic.KeyIndex;
import io.anomalyhunter.traffic.PacketInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Port scans: one source sending connection attempts (SYN) to many ports of one host (vertical) or to
 * one port on many hosts (horizontal), most of them never answered with a SYN-ACK. Counts live in arrays
 * indexed by {@link KeyIndex} ids, so a spoofed flood (every SYN a new source) costs no allocation; a
 * {@link RepeatFilter} keeps one-SYN sources out of the tables altogether.
 */
final class PortScanDetector extends Windowed {
    private static final int MAX_PROBERS = 65_536;
    private static final int MAX_TRIES = 65_536;

    private final Attacks t;
    /** A source is tallied from its second SYN in a window (so a scan needs one SYN more than the threshold). */
    private final RepeatFilter repeat = new RepeatFilter();
    /** Vertical: (source, destination) pairs and each (pair, port) tried. */
    private final KeyIndex pairs = new KeyIndex(4, MAX_PROBERS);
    private final Probes vertical = new Probes();
    private final KeyIndex portTries = new KeyIndex(1, MAX_TRIES);
    private boolean[] portAnswered = new boolean[64];
    /** Horizontal: (source, port) services and each (service, destination) tried. */
    private final KeyIndex services = new KeyIndex(3, MAX_PROBERS);
    private final Probes horizontal = new Probes();
    private final KeyIndex hostTries = new KeyIndex(3, MAX_TRIES);
    private boolean[] hostAnswered = new boolean[64];

    /** Per prober id: SYNs sent, distinct things tried and answered, first and last SYN. */
    private static final class Probes {
        long[] syns = new long[64];
        long[] first = new long[64];
        long[] last = new long[64];
        int[] tried = new int[64];
        int[] answered = new int[64];

        void syn(int id, boolean isNew, long micros) {
            if (isNew) {
                syns = KeyIndex.fit(syns, id);
                first = KeyIndex.fit(first, id);
                last = KeyIndex.fit(last, id);
                tried = KeyIndex.fit(tried, id);
                answered = KeyIndex.fit(answered, id);
                syns[id] = 0;
                tried[id] = 0;
                answered[id] = 0;
                first[id] = micros;
            }
            syns[id]++;
            last[id] = micros;
        }

        double answeredShare(int id) {
            return answered[id] / (double) tried[id];
        }
    }

    PortScanDetector(Attacks t) {
        super(t.window().toNanos() / 1000);
        this.t = t;
    }

    @Override
    void count(PacketInfo p) {
        if (p.protocol != PacketInfo.TCP || p.ipVersion == 0 || !p.has(PacketInfo.SYN)) {
            return;
        }
        if (!p.has(PacketInfo.ACK)) {
            if (!repeat.seenBefore(p.srcHi, p.srcLo)) {
                return; // a source's first SYN: one per source in a spoofed flood, not worth a table entry
            }
            int pair = pairs.add(p.srcHi, p.srcLo, p.dstHi, p.dstLo);
            if (pair >= 0) {
                vertical.syn(pair, pairs.added(), p.timeMicros);
                int tried = portTries.add(((long) pair << 16) | p.dstPort, 0, 0, 0);
                if (tried >= 0 && portTries.added()) {
                    portAnswered = KeyIndex.fit(portAnswered, tried);
                    portAnswered[tried] = false;
                    vertical.tried[pair]++;
                }
            }
            int service = services.add(p.srcHi, p.srcLo, p.dstPort, 0);
            if (service >= 0) {
                horizontal.syn(service, services.added(), p.timeMicros);
                int tried = hostTries.add(service, p.dstHi, p.dstLo, 0);
                if (tried >= 0 && hostTries.added()) {
                    hostAnswered = KeyIndex.fit(hostAnswered, tried);
                    hostAnswered[tried] = false;
                    horizontal.tried[service]++;
                }
            }
            return;
        }
        // A SYN-ACK answers the attempt it belongs to (from the answering host and port back to the prober).
        int pair = pairs.find(p.dstHi, p.dstLo, p.srcHi, p.srcLo);
        if (pair >= 0) {
            int tried = portTries.find(((long) pair << 16) | p.srcPort, 0, 0, 0);
            if (tried >= 0 && !portAnswered[tried]) {
                portAnswered[tried] = true;
                vertical.answered[pair]++;
            }
        }
        int service = services.find(p.dstHi, p.dstLo, p.srcPort, 0);
        if (service >= 0) {
            int tried = hostTries.find(service, p.srcHi, p.srcLo, 0);
            if (tried >= 0 && !hostAnswered[tried]) {
                hostAnswered[tried] = true;
                horizontal.answered[service]++;
            }
        }
    }

    @Override
    void judge(Findings out) {
        List<Integer> scanning = new ArrayList<>();
        for (int pair = 0; pair < pairs.size(); pair++) {
            if (vertical.tried[pair] >= t.scanMinPorts() && vertical.answeredShare(pair) <= t.scanMaxAnswered()) {
                scanning.add(pair);
            }
        }
        for (int pair : scanning) {
            out.add(finding(vertical, pair, address(pairs, pair, 0), address(pairs, pair, 2), portsTried(pair),
                    "vertical scan: " + vertical.tried[pair] + " ports probed, " + vertical.answered[pair]
                            + " answered with SYN-ACK", vertical.tried[pair] / (double) t.scanMinPorts()));
        }
        for (int s = 0; s < services.size(); s++) {
            if (horizontal.tried[s] >= t.scanMinHosts() && horizontal.answeredShare(s) <= t.scanMaxAnswered()) {
                int port = (int) services.key(s, 2);
                out.add(finding(horizontal, s, address(services, s, 0), horizontal.tried[s] + " hosts", List.of(port),
                        "horizontal scan: port " + port + " on " + horizontal.tried[s] + " hosts, "
                                + horizontal.answered[s] + " answered", horizontal.tried[s] / (double) t.scanMinHosts()));
            }
        }
    }

    private List<Integer> portsTried(int pair) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < portTries.size(); i++) {
            long key = portTries.key(i, 0);
            if ((key >>> 16) == pair) {
                ports.add((int) (key & 0xFFFF));
            }
        }
        ports.sort(null);
        return ports;
    }

    private static String address(KeyIndex index, int id, int component) {
        return PacketInfo.address(index.key(id, component), index.key(id, component + 1));
    }

    private static Finding finding(Probes probes, int id, String source, String target, List<Integer> ports,
                                   String evidence, double overThreshold) {
        double confidence = Math.min(0.99, 0.6 + 0.1 * overThreshold) * (1 - probes.answeredShare(id) / 2);
        return new Finding(Finding.Kind.PORT_SCAN, confidence, List.of(source), 1, target, ports, probes.syns[id],
                PacketInfo.instant(probes.first[id]), PacketInfo.instant(probes.last[id]), evidence);
    }

    @Override
    void reset() {
        repeat.clear();
        pairs.clear();
        portTries.clear();
        services.clear();
        hostTries.clear();
    }
}
