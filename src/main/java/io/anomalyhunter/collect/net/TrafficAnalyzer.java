package io.anomalyhunter.collect.net;

import java.util.List;

/**
 * Runs decoded packets through the attack detectors, in capture time. One per capture or interface; not
 * thread-safe (the capture loop is one thread).
 */
public final class TrafficAnalyzer {
    private final int linkType;
    private final PacketInfo info = new PacketInfo();
    private final List<AttackDetector> detectors;
    private final Findings findings = new Findings();
    private long packets;
    private long malformed;
    private long bytes;

    public TrafficAnalyzer(int linkType, NetThresholds thresholds) {
        this.linkType = linkType;
        this.detectors = List.of(new PortScanDetector(thresholds), new SynFloodDetector(thresholds),
                new ReflectionDetector(thresholds), new ArpSpoofDetector(), new BruteForceDetector(thresholds),
                new CraftedSynDetector(thresholds));
    }

    /** One captured frame: its bytes (the first {@code len}) and capture time in microseconds. */
    public void accept(byte[] data, int len, long timeMicros) {
        packets++;
        bytes += len;
        if (!PacketDecoder.decode(data, len, linkType, info)) {
            malformed++;
            return;
        }
        info.timeMicros = timeMicros;
        for (AttackDetector d : detectors) {
            d.observe(info, findings);
        }
    }

    /** Closes the open windows and returns every finding. */
    public List<Finding> finish() {
        for (AttackDetector d : detectors) {
            d.finish(findings);
        }
        return findings.all();
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
