package io.anomalyhunter.collect.net;

import java.util.List;

/**
 * The capture pipeline for one interface or file, in capture time: decode, flow table, traffic counters
 * and attack detectors. Not thread-safe (the capture loop is one thread); {@link #tick} lets a live
 * capture move time on when no packet arrives.
 */
public final class TrafficAnalyzer {
    /** How often the flow table is swept for ended flows: a sweep reads every slot, so not every second. */
    private static final long EXPIRY_MICROS = 5_000_000;
    private final int linkType;
    private final PacketInfo info = new PacketInfo();
    private final List<AttackDetector> detectors;
    private final Findings findings = new Findings();
    private final FlowTable flows;
    private final TrafficCounters counters;
    private long packets;
    private long malformed;
    private long bytes;
    private long windowStart = Long.MIN_VALUE;
    private long lastExpiry;
    private long evictionsBefore;
    private long latestMicros;

    public TrafficAnalyzer(int linkType, NetThresholds thresholds) {
        this(linkType, thresholds, FlowTable.Limits.DEFAULTS, LocalAddresses.NONE);
    }

    public TrafficAnalyzer(int linkType, NetThresholds thresholds, FlowTable.Limits flowLimits, LocalAddresses local) {
        this.linkType = linkType;
        this.detectors = List.of(new PortScanDetector(thresholds), new SynFloodDetector(thresholds),
                new ReflectionDetector(thresholds), new ArpSpoofDetector(), new BruteForceDetector(thresholds),
                new CraftedSynDetector(thresholds));
        this.flows = new FlowTable(flowLimits);
        this.counters = new TrafficCounters(local);
    }

    /** One captured frame: its bytes (the first {@code len}), length on the wire, capture time in microseconds. */
    public void accept(byte[] data, int len, int wireLength, long timeMicros) {
        packets++;
        bytes += wireLength;
        if (windowStart == Long.MIN_VALUE) {
            windowStart = lastExpiry = timeMicros;
        }
        latestMicros = Math.max(latestMicros, timeMicros);
        if (!PacketDecoder.decode(data, len, linkType, info)) {
            malformed++;
            return;
        }
        info.timeMicros = timeMicros;
        info.wireLength = wireLength;
        if (info.ipVersion != 0) {
            int slot = flows.observe(info);
            info.newFlow = flows.createdLast();
            info.fromFlowStarter = flows.lastFromStarter(slot);
        }
        counters.count(info);
        for (AttackDetector d : detectors) {
            d.observe(info, findings);
        }
        if (timeMicros - lastExpiry >= EXPIRY_MICROS) {
            flows.expire(timeMicros);
            lastExpiry = timeMicros;
        }
    }

    public void accept(byte[] data, int len, long timeMicros) {
        accept(data, len, len, timeMicros);
    }

    /** Moves time on without a packet: expires flows and lets detectors report what their open windows show. */
    public void tick(long nowMicros) {
        latestMicros = Math.max(latestMicros, nowMicros);
        if (nowMicros - lastExpiry >= EXPIRY_MICROS) {
            flows.expire(nowMicros);
            lastExpiry = nowMicros;
        }
        for (AttackDetector d : detectors) {
            d.tick(nowMicros, findings);
        }
    }

    /** Ends the traffic window at {@code nowMicros} and returns its figures. */
    public TrafficWindow closeWindow(long nowMicros) {
        long start = windowStart == Long.MIN_VALUE ? nowMicros : windowStart;
        double seconds = Math.max(1e-3, (nowMicros - start) / 1e6);
        long evictions = flows.counts().evicted();
        TrafficWindow w = counters.close(Findings.instant(nowMicros), seconds, flows, evictions - evictionsBefore);
        evictionsBefore = evictions;
        windowStart = nowMicros;
        return w;
    }

    /** Closes the open windows and returns every finding. */
    public List<Finding> finish() {
        for (AttackDetector d : detectors) {
            d.finish(findings);
        }
        return findings.all();
    }

    /** The findings so far (live: after {@link #tick}); the same list {@link #finish} would add to. */
    public Findings findings() {
        return findings;
    }

    public FlowTable.Counts flowCounts() {
        return flows.counts();
    }

    /** The newest capture (or tick) time seen, in microseconds. */
    public long latestMicros() {
        return latestMicros;
    }

    public long packets() {
        return packets;
    }

    public long malformed() {
        return malformed;
    }

    public long bytes() {
        return bytes;
    }
}
