package io.anomalyhunter.detect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.classifier.LiveTrafficJudge;
import io.anomalyhunter.classifier.TrafficClassifier;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.config.NetworkConfig;
import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.detect.AnomalyLog;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.testing.SharedData;
import io.anomalyhunter.traffic.PacketDecoder;
import io.anomalyhunter.traffic.TrafficAnalyzer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live scoring: captures through the daemon's {@link AttackWatch} with the shipped traffic classifier behind the
 * connection seam. A scan and a flood become classified attacks with evidence; normal captures give none at the
 * default threshold; a flood of connections is judged in a bounded sample.
 */
class ClassifiedConnectionsTest {
    private static final Path PCAPS = SharedData.DIR.resolve("data/pcap");
    private static TrafficClassifier classifier;

    @BeforeAll
    static void load() {
        classifier = new TrafficClassifier(Path.of("models"));
        assertTrue(classifier.reload(), "the shipped model loads: " + classifier.lastRefusal().orElse(""));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private static AttackWatch watch(AnomalyLog log) {
        return new AttackWatch("test", Attacks.DEFAULTS, NetworkConfig.Classifier.DEFAULTS, new LiveTrafficJudge(classifier), log);
    }

    private static AnomalyLog log() {
        return new AnomalyLog(AnomalyTracker.forDetection(new AtomicLong()::incrementAndGet, 0.5));
    }

    private static List<Finding> classified(AttackWatch w) {
        return w.findings().stream().filter(f -> f.kind().name().startsWith("CLASSIFIED_")).toList();
    }

    @Test
    void aSynScanIsAClassifiedProbeWithItsSourceAndWhy() throws Exception {
        AnomalyLog log = log();
        AttackWatch w = watch(log);
        PcapReplay.run(SharedData.require(PCAPS.resolve("cs_synscan.pcapng"), "captures"), w);
        List<Finding> found = classified(w);
        assertEquals(1, found.size(), found.toString());
        Finding probe = found.get(0);
        assertEquals(Finding.Kind.CLASSIFIED_PROBE, probe.kind());
        assertEquals(List.of("172.16.0.8"), probe.sources());
        assertTrue(probe.packets() >= 1900, "connections judged Probe: " + probe.packets());
        assertTrue(probe.confidence() >= 0.8, probe.line());
        assertTrue(probe.evidence().contains("top features: ") && probe.evidence().contains("172.16.0.8:"), probe.evidence());
        assertTrue(w.connectionsJudged() >= 1990 && w.connectionsUnjudged() == 0, w.connectionsJudged() + " judged");
        // through the one detection path: an anomaly on the attack's series, next to the rule detector's port scan
        assertTrue(log.anomalies().stream().anyMatch(a -> a.series().labels().get("kind").equals("classified_probe")
                && a.series().labels().get("source").equals("172.16.0.8")), log.anomalies().toString());
        assertTrue(log.anomalies().stream().anyMatch(a -> a.series().labels().get("kind").equals("port_scan")));
    }

    @Test
    void aSpoofedSynFloodIsClassifiedDosAgainstItsTarget() throws Exception {
        AttackWatch w = watch(log());
        PcapReplay.run(SharedData.require(PCAPS.resolve("stopddos_pkt.TCP.synflood.spoofed.pcap"), "captures"), w);
        assertTrue(classified(w).stream().anyMatch(f -> f.kind() == Finding.Kind.CLASSIFIED_DOS && f.sourceCount() > 100),
                classified(w).stream().map(Finding::line).toList().toString());
    }

    /** ppa1e_dosattack's SYNs each go between random addresses: no target or source repeats, so no attack here. */
    @Test
    void unrelatedSingleConnectionsAreNoAttack() throws Exception {
        AttackWatch w = watch(log());
        PcapReplay.run(SharedData.require(PCAPS.resolve("ppa1e_dosattack.pcap"), "captures"), w);
        assertEquals(List.of(), classified(w));
        assertEquals(100, w.connectionsJudged());
    }

    @Test
    void normalCapturesRaiseNoClassifiedAttack() throws Exception {
        long judged = 0;
        for (String file : List.of("cs_http_espn.pcapng", "ppa1e_dns.cap", "zeek_wikipedia.pcap",
                "zeek_workshop_2011_browse.pcap", "zeek_bro.org.pcap", "cs_http_google.pcapng")) {
            AttackWatch w = watch(log());
            PcapReplay.run(SharedData.require(PCAPS.resolve(file), "captures"), w);
            assertEquals(List.of(), classified(w).stream().map(Finding::line).toList(), file);
            judged += w.connectionsJudged();
        }
        assertTrue(judged > 100, "connections judged in the normal captures: " + judged);
    }

    @Test
    void aSecondOfTooManyConnectionsIsJudgedInABoundedSample() {
        AttackWatch w = watch(log());
        TrafficAnalyzer analyzer = new TrafficAnalyzer(PacketDecoder.LINK_ETHERNET, w);
        long start = 1_700_000_000_000_000L;
        int syns = 30_000;
        for (int i = 0; i < syns; i++) { // a spoofed flood within one second: every SYN a new connection
            byte[] f = AttackDetectorsTest.frame("tcp", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)
                    + ":1024 > 10.0.0.1:80 S");
            analyzer.accept(f, f.length, start + i * 30L);
        }
        long t0 = System.nanoTime();
        analyzer.tick(start + 8_000_000); // the half-open connections time out together
        long tickMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ClassifiedConnections.MAX_NEW_PER_SECOND, w.connectionsJudged());
        assertEquals(syns - ClassifiedConnections.MAX_NEW_PER_SECOND, w.connectionsUnjudged());
        assertTrue(classified(w).stream().anyMatch(f -> f.kind() == Finding.Kind.CLASSIFIED_DOS
                && f.sourceCount() > 1000 && f.target().equals("10.0.0.1")), classified(w).toString());
        assertTrue(tickMillis < 3_000, "judging a full second took " + tickMillis + " ms");
    }

    /** Refused connections to n closed ports of one host, 20 ms apart, then time enough for all to end. */
    private static List<Finding> refused(int n) {
        AttackWatch w = watch(log());
        TrafficAnalyzer analyzer = new TrafficAnalyzer(PacketDecoder.LINK_ETHERNET, w);
        long start = 1_700_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            byte[] syn = AttackDetectorsTest.frame("tcp", "10.0.0.9:" + (40000 + i) + " > 10.0.0.1:" + (2000 + i) + " S");
            byte[] rst = AttackDetectorsTest.frame("tcp", "10.0.0.1:" + (2000 + i) + " > 10.0.0.9:" + (40000 + i) + " RA");
            analyzer.accept(syn, syn.length, start + i * 20_000L);
            analyzer.accept(rst, rst.length, start + i * 20_000L + 100);
        }
        analyzer.tick(start + n * 20_000L + 2_000_000);
        return classified(w);
    }

    /** Refused retries of one closed port, 100 ms apart. */
    private static List<Finding> retries(int n) {
        AttackWatch w = watch(log());
        TrafficAnalyzer analyzer = new TrafficAnalyzer(PacketDecoder.LINK_ETHERNET, w);
        long start = 1_700_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            byte[] syn = AttackDetectorsTest.frame("tcp", "10.0.0.9:" + (40000 + i) + " > 10.0.0.1:2000 S");
            byte[] rst = AttackDetectorsTest.frame("tcp", "10.0.0.1:2000 > 10.0.0.9:" + (40000 + i) + " RA");
            analyzer.accept(syn, syn.length, start + i * 100_000L);
            analyzer.accept(rst, rst.length, start + i * 100_000L + 100);
        }
        analyzer.tick(start + n * 100_000L + 2_000_000);
        return classified(w);
    }

    @Test
    void oneOrTwoRefusedConnectionsAreNoAttackManyAre() {
        assertEquals(List.of(), refused(2), "two refused connections");
        assertEquals(List.of(), retries(5), "a client retrying a closed port");
        List<Finding> scan = refused(40);
        assertTrue(scan.stream().anyMatch(f -> f.kind() == Finding.Kind.CLASSIFIED_PROBE && f.sources().equals(List.of("10.0.0.9"))
                && f.packets() >= ClassifiedConnections.MIN_CONNECTIONS), scan.toString());
    }
}
