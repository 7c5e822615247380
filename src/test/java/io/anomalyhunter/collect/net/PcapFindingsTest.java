package io.anomalyhunter.collect.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every capture in ../shared/data/pcap (classes from its PCAPS.md) through the detectors with the default
 * thresholds: each attack yields its finding, with attacker and victim where the capture shows them
 * ("-" where it cannot: spoofed or reflected sources); the normal captures yield no finding at all.
 */
class PcapFindingsTest {
    static final Path DIR = SharedData.DIR.resolve("data/pcap");

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
        List<Finding> findings = replay(file);
        String all = findings.stream().map(Finding::line).collect(Collectors.joining("\n"));
        assertTrue(findings.stream().anyMatch(f -> f.kind() == kind && f.sources().contains(attacker)
                && f.target().equals(victim)), kind + " by " + attacker + " against " + victim + " in:\n" + all);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cs_http_google.pcapng", "cs_http_espn.pcapng", "cs_dns_query_response.pcapng", "ppa1e_dns.cap",
            "zeek_wikipedia.pcap", "zeek_workshop_2011_browse.pcap", "zeek_bro.org.pcap"})
    void normalCaptureYieldsNoFinding(String file) throws Exception {
        List<Finding> findings = replay(file);
        assertEquals(List.of(), findings.stream().map(Finding::line).toList());
    }

    @Test
    void everyCaptureOfTheFolderIsInOneOfTheTables() throws Exception {
        SharedData.require(DIR, "captures");
        try (Stream<Path> s = Files.list(DIR)) {
            assertEquals(18, s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)$")).count(),
                    "PCAPS.md lists 18 captures; a new one needs a row here");
        }
    }

    private static List<Finding> replay(String file) throws CaptureFileException {
        SharedData.require(DIR, "captures");
        return PcapReplay.run(DIR.resolve(file), NetThresholds.DEFAULTS).findings();
    }
}
