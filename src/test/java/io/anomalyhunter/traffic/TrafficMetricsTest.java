package io.anomalyhunter.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.collect.net.CaptureFileException;
import io.anomalyhunter.collect.net.PcapReplay;
import io.anomalyhunter.daemon.DaemonWiring;
import io.anomalyhunter.detect.net.PcapFindingsTest;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Traffic metrics from real captures, checked against what PCAPS.md and tcpdump say the captures hold:
 * the DNS capture's queries and responses, the SYN scan's unanswered SYNs, the FTP capture's flows.
 */
class TrafficMetricsTest {
    private static PcapReplay.Result replay(String file) throws CaptureFileException {
        SharedData.require(PcapFindingsTest.DIR, "captures");
        return PcapReplay.run(PcapFindingsTest.DIR.resolve(file), PacketObserver.NONE);
    }

    private static long sum(PcapReplay.Result r, ToLongFunction<TrafficWindow> field) {
        return r.windows().stream().mapToLong(field).sum();
    }

    @Test
    void dnsQueriesAndResponsesAreCounted() throws Exception {
        PcapReplay.Result r = replay("cs_dns_query_response.pcapng");
        assertEquals(r.packets(), sum(r, TrafficWindow::packets), "every packet is in a window");
        assertEquals(1, sum(r, TrafficWindow::dnsQueries));
        assertEquals(1, sum(r, TrafficWindow::dnsResponses));
        assertTrue(sum(r, TrafficWindow::dnsResponseBytes) > 0);
        assertEquals(1, r.flows().created(), "query and response are one flow");
    }

    @Test
    void aSynScanShowsManySynsFewAnswersAndManyFlows() throws Exception {
        PcapReplay.Result r = replay("cs_synscan.pcapng");
        long syn = sum(r, TrafficWindow::syn);
        long synAck = sum(r, TrafficWindow::synAck);
        assertTrue(syn > 1000, "SYNs " + syn);
        assertTrue(synAck * 10 < syn, "SYN-ACKs " + synAck + " of " + syn);
        assertTrue(r.flows().created() > 1000, "each probed port is a flow: " + r.flows().created());
        TrafficWindow busiest = r.windows().stream().max((a, b) -> Long.compare(a.syn(), b.syn())).orElseThrow();
        assertTrue(busiest.distinctSources() <= 3, "one scanner (and the answering host): " + busiest.distinctSources());
        assertEquals(busiest.topTalkers().get(0).bytes(), busiest.topTalkers().stream().mapToLong(TrafficWindow.Talker::bytes)
                .max().orElseThrow(), "talkers biggest first");
    }

    @Test
    void aSpoofedFloodHasAboutOneSourcePerSynAndABoundedFlowTable() throws Exception {
        PcapReplay.Result r = replay("stopddos_pkt.TCP.synflood.spoofed.pcap");
        TrafficWindow busiest = r.windows().stream().max((a, b) -> Long.compare(a.syn(), b.syn())).orElseThrow();
        double perSyn = busiest.distinctSources() / (double) busiest.syn();
        assertTrue(perSyn > 0.9 && perSyn < 1.1, busiest.distinctSources() + " sources for " + busiest.syn() + " SYNs");
        assertTrue(r.flows().active() <= FlowTable.Limits.DEFAULTS.maxFlows());
    }

    @Test
    void windowsBecomeSamplesOfCataloguedMetricsPerInterface() throws Exception {
        PcapReplay.Result r = replay("ppa1e_ftp-crack.pcap");
        List<Sample> samples = TrafficSamples.of("eth0", r.windows().get(0), 3, 0);
        Set<String> names = samples.stream().map(s -> s.series().metric()).collect(Collectors.toSet());
        for (String name : names) {
            assertTrue(DaemonWiring.metricCatalog().contains(name), name + " is in the catalog");
        }
        assertTrue(names.containsAll(Set.of(NetMetrics.PACKETS, NetMetrics.BYTES, NetMetrics.NEW_FLOWS,
                NetMetrics.TCP_FLAGS, NetMetrics.DNS, NetMetrics.ARP, NetMetrics.SOURCES, NetMetrics.DROPS)), names.toString());
        assertTrue(samples.stream().allMatch(s -> "eth0".equals(s.series().labels().get("interface"))));
        double kernelDrops = samples.stream().filter(s -> s.series().text().contains("kernel")).findFirst().orElseThrow().value();
        assertEquals(3 / r.windows().get(0).seconds(), kernelDrops, 1e-9);
    }
}
