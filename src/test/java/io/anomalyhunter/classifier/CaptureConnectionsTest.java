package io.anomalyhunter.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.testing.SharedData;
import io.anomalyhunter.traffic.ConnectionRecord;
import io.anomalyhunter.traffic.ConnectionTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Connections rebuilt from real captures, their NSL-KDD features, and what the shipped classifier makes of
 * them (docs/models.md has the class mix of every capture).
 */
class CaptureConnectionsTest {
    private static final Path PCAPS = SharedData.DIR.resolve("data/pcap");

    private static List<ConnectionRecord> connections(String file) throws Exception {
        List<ConnectionRecord> out = new ArrayList<>();
        PcapReplay.run(SharedData.require(PCAPS.resolve(file), "captures"), new ConnectionTracker(100_000, out::add));
        return out;
    }

    @Test
    void kddFlagsFollowWhatEachSideSent() {
        assertEquals("S0", ConnectionTracker.flag(true, false, false, false, false, false));
        assertEquals("REJ", ConnectionTracker.flag(true, false, false, false, false, true));
        assertEquals("RSTOS0", ConnectionTracker.flag(true, false, false, false, true, false));
        assertEquals("SH", ConnectionTracker.flag(true, false, true, false, false, false));
        assertEquals("SF", ConnectionTracker.flag(true, true, true, true, false, false));
        assertEquals("S1", ConnectionTracker.flag(true, true, false, false, false, false));
        assertEquals("RSTO", ConnectionTracker.flag(true, true, false, false, true, false));
        assertEquals("RSTR", ConnectionTracker.flag(true, true, false, false, false, true));
        assertEquals("OTH", ConnectionTracker.flag(false, false, false, false, false, false));
    }

    @Test
    void aSynScanIsAThousandHalfOpenConnectionsWithScanFeatures() throws Exception {
        List<ConnectionRecord> scan = connections("cs_synscan.pcapng");
        Map<String, Integer> flags = new TreeMap<>();
        scan.forEach(r -> flags.merge(r.flag(), 1, Integer::sum));
        assertTrue(scan.size() >= 1990 && scan.size() <= 2000, "connections: " + scan.size());
        assertTrue(flags.get("S0") > 1900, flags.toString());
        assertTrue(scan.stream().allMatch(r -> r.originator().equals("172.16.0.8")));
        KddTrafficFeatures f = new KddTrafficFeatures();
        float[] last = null;
        float maxCount = 0;
        for (ConnectionRecord r : scan) {
            last = f.next(r);
            maxCount = Math.max(maxCount, last[22]);
        }
        assertEquals(255, last[31], "dst_host_count over the last 255 connections");
        assertTrue(last[24] > 0.95, "serror_rate " + last[24]);
        assertTrue(last[34] > 0.95, "dst_host_diff_srv_rate " + last[34]);
        assertTrue(maxCount > 100, "most connections to the host in 2 s: " + maxCount);
    }

    @Test
    void aScanIsProbeAFloodIsDosAndNormalBrowsingIsNormal() throws Exception {
        try (TrafficModel model = TrafficModelFiles.load(ShippedTrafficModelTest.SHIPPED)) {
            Map<String, Integer> scan = mix(model, "cs_synscan.pcapng");
            int total = scan.values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(scan.getOrDefault("Probe", 0) >= total * 0.9, "the SYN scan's connections: " + scan);
            Map<String, Integer> flood = mix(model, "ppa1e_dosattack.pcap");
            assertTrue(flood.getOrDefault("DoS", 0) >= 90, "the SYN flood's 100 connections: " + flood);
            int normalTotal = 0;
            int falseAlarms = 0;
            for (String file : List.of("cs_http_espn.pcapng", "ppa1e_dns.cap", "zeek_wikipedia.pcap",
                    "zeek_workshop_2011_browse.pcap", "zeek_bro.org.pcap", "cs_http_google.pcapng")) {
                Map<String, Integer> m = mix(model, file);
                normalTotal += m.values().stream().mapToInt(Integer::intValue).sum();
                falseAlarms += m.entrySet().stream().filter(e -> !e.getKey().equals("normal") && !e.getKey().equals("unknown"))
                        .mapToInt(Map.Entry::getValue).sum();
            }
            assertTrue(normalTotal > 100, "connections in the normal captures: " + normalTotal);
            assertTrue(falseAlarms <= normalTotal * 0.05, "attack answers on normal captures: " + falseAlarms + " of " + normalTotal);
        }
    }

    private static Map<String, Integer> mix(TrafficModel model, String file) throws Exception {
        CaptureClassification c = new CaptureClassification(model, 0.5);
        PcapReplay.run(SharedData.require(PCAPS.resolve(file), "captures"), new ConnectionTracker(100_000, c::accept));
        Map<String, Integer> m = new TreeMap<>();
        c.results().forEach(x -> m.merge(x.prediction().label(), 1, Integer::sum));
        return m;
    }
}
