package io.anomalyhunter.detect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.config.NetworkConfig.Attacks;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.AnomalyLog;
import io.anomalyhunter.detect.AnomalyTracker;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every capture in ../shared/data/pcap (classes from its PCAPS.md) through the detectors with the default
 * thresholds, then the anomaly tracker, as {@code replay} and the daemon run them: each attack yields its finding,
 * with attacker and victim where the capture shows them (a stand-in where it cannot: spoofed or reflected
 * sources), and an anomaly on that attack's series; the normal captures yield neither.
 */
public class PcapFindingsTest {
    public static final Path DIR = SharedData.DIR.resolve("data/pcap");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cs_synscan.pcapng                                            | PORT_SCAN    | 172.16.0.8        | 64.13.134.52",
        "ppa1e_portscan.pcap                                          | PORT_SCAN    | 10.100.25.14      | 10.100.18.12",
        "ppa1e_dosattack.pcap                                         | SYN_FLOOD    | spoofed           | many hosts",
        "stopddos_pkt.TCP.synflood.spoofed.pcap                       | SYN_FLOOD    | spoofed           | 10.10.10.10",
        "stopddos_amp.TCP.syn.optionallyACK.optionallysamePort.pcapng | SYN_FLOOD    | crafted sources   | 10.10.10.10",
        "stopddos_amp.dns.RRSIG.fragmented.pcap                       | REFLECTION   | udp/53 reflectors | 10.10.10.10",
        "stopddos_amp.TCP.reflection.SYNACK.pcap                      | REFLECTION   | tcp/syn-ack reflectors | 10.10.10.10",
        "stopddos_amp.UDP.isakmp.pcap                                 | REFLECTION   | udp/4500 reflectors | 10.10.10.10",
        "cs_arppoison.pcapng                                          | ARP_SPOOFING | 00:25:b3:bf:91:ee | 172.16.0.107",
        "zeek_sshguess.pcap                                           | BRUTE_FORCE  | 192.168.56.1      | 192.168.56.103",
        "ppa1e_ftp-crack.pcap                                         | BRUTE_FORCE  | 10.234.125.254    | 10.121.70.151",
    })
    void attackCaptureYieldsItsFinding(String file, Finding.Kind kind, String attacker, String victim) throws Exception {
        Replayed r = replay(file);
        String all = r.findings().stream().map(Finding::line).collect(Collectors.joining("\n"));
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == kind && f.sources().contains(attacker)
                && f.target().equals(victim)), kind + " by " + attacker + " against " + victim + " in:\n" + all);
        String kindLabel = kind.name().toLowerCase(Locale.ROOT);
        assertTrue(r.anomalies().stream().anyMatch(a -> a.series().metric().equals("net_attack")
                        && a.series().labels().get("kind").equals(kindLabel)
                        && a.series().labels().get("source").startsWith(attacker)
                        && a.series().labels().get("target").equals(victim)
                        && a.detector().equals("network") && a.end() != null),
                "a closed " + kindLabel + " anomaly from " + attacker + " to " + victim + " among "
                        + r.anomalies().stream().map(a -> a.series().text()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cs_http_google.pcapng", "cs_http_espn.pcapng", "cs_dns_query_response.pcapng", "ppa1e_dns.cap",
            "zeek_wikipedia.pcap", "zeek_workshop_2011_browse.pcap", "zeek_bro.org.pcap"})
    void normalCaptureYieldsNoFinding(String file) throws Exception {
        Replayed r = replay(file);
        assertEquals(List.of(), r.findings().stream().map(Finding::line).toList());
        assertEquals(List.of(), r.anomalies());
    }

    @Test
    void everyCaptureOfTheFolderIsInOneOfTheTables() throws Exception {
        SharedData.require(DIR, "captures");
        try (Stream<Path> s = Files.list(DIR)) {
            assertEquals(18, s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$")).count(),
                    "PCAPS.md lists 18 captures; a new one needs a row here");
        }
    }

    /** What the detectors attributed, and the anomalies the tracker made of their verdicts. */
    private record Replayed(List<Finding> findings, List<Anomaly> anomalies) {
    }

    private static Replayed replay(String file) throws CaptureFileException {
        SharedData.require(DIR, "captures");
        AnomalyLog log = new AnomalyLog(AnomalyTracker.forDetection(new AtomicLong()::incrementAndGet, 0.5));
        AttackWatch watch = new AttackWatch(file, Attacks.DEFAULTS, log);
        PcapReplay.run(DIR.resolve(file), watch);
        return new Replayed(watch.findings(), log.anomalies());
    }
}
