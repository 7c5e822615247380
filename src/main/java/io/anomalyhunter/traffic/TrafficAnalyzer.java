package io.anomalyhunter.traffic;

/**
 * The packet path of one interface or file, in capture time: decode, flow table and traffic counters, then
 * the {@link PacketObserver} (the attack detectors), ticked every second of capture time. Not thread-safe
 * (the capture loop is one thread); {@link #tick} lets a live capture move time on when no packet arrives.
 */
public final class TrafficAnalyzer {
    /** How often the flow table is swept for ended flows when no window closes in between: a sweep reads
     * every slot (megabytes under a flood), so not every second, and closing a window sweeps too. */
    private static final long EXPIRY_MICROS = 10_000_000;
    private final int linkType;
    private final PacketInfo info = new PacketInfo();
    /** The observer hears of time passing this often (attacks are reported within a second). */
    private static final long TICK_MICROS = 1_000_000;
    private final PacketObserver observer;
    private final FlowTable flows;
    private final TrafficCounters counters;
    private long packets;
    private long malformed;
    private long bytes;
    private long windowStart = Long.MIN_VALUE;
    private long lastExpiry;
    private long lastTick;
    private long evictionsBefore;
    private long latestMicros;

    public TrafficAnalyzer(int linkType, PacketObserver observer) {
        this(linkType, observer, FlowTable.Limits.DEFAULTS, LocalAddresses.NONE);
    }

    public TrafficAnalyzer(int linkType, PacketObserver observer, FlowTable.Limits flowLimits, LocalAddresses local) {
        this.linkType = linkType;
        this.observer = observer;
        this.flows = new FlowTable(flowLimits);
        this.counters = new TrafficCounters(local);
    }

    /** One captured frame: its bytes (the first {@code len}), length on the wire, capture time in microseconds. */
    public void accept(byte[] data, int len, int wireLength, long timeMicros) {
        packets++;
        bytes += wireLength;
        if (windowStart == Long.MIN_VALUE) {
            windowStart = lastExpiry = lastTick = timeMicros;
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
        observer.observe(info);
        if (timeMicros - lastExpiry >= EXPIRY_MICROS) {
            flows.expire(timeMicros);
            lastExpiry = timeMicros;
        }
        if (timeMicros - lastTick >= TICK_MICROS) {
            // a replay has no wall clock: its capture time ticks the observer as a live capture's clock would
            lastTick = timeMicros;
            observer.tick(timeMicros);
        }
    }

    public void accept(byte[] data, int len, long timeMicros) {
        accept(data, len, len, timeMicros);
    }

    /** Moves time on without a packet: expires flows and lets the observer report what it has seen so far. */
    public void tick(long nowMicros) {
        latestMicros = Math.max(latestMicros, nowMicros);
        if (nowMicros - lastExpiry >= EXPIRY_MICROS) {
            flows.expire(nowMicros);
            lastExpiry = nowMicros;
        }
        if (nowMicros - lastTick >= TICK_MICROS) {
            // packets tick the observer in capture time; the clock only fills the seconds they leave empty
            lastTick = nowMicros;
            observer.tick(nowMicros);
        }
    }

    /** Ends the traffic window at {@code nowMicros} and returns its figures. */
    public TrafficWindow closeWindow(long nowMicros) {
        long start = windowStart == Long.MIN_VALUE ? nowMicros : windowStart;
        double seconds = Math.max(1e-3, (nowMicros - start) / 1e6);
        counters.startTalkers();
        flows.sweep(nowMicros, counters::flowBytes); // top talkers and expiry in one read of the table
        lastExpiry = nowMicros;
        long evictions = flows.counts().evicted();
        TrafficWindow w = counters.close(PacketInfo.instant(nowMicros), seconds, flows.size(), evictions - evictionsBefore);
        evictionsBefore = evictions;
        windowStart = nowMicros;
        return w;
    }

    /** The capture ended: the observer closes what it has open, at the newest time seen. */
    public void finish() {
        observer.finish(latestMicros);
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
