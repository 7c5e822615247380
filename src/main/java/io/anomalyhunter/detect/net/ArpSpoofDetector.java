package io.anomalyhunter.detect.net;

import io.anomalyhunter.traffic.PacketInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ARP spoofing: an IP address whose MAC changes, or one MAC that speaks for several IP addresses as ARP
 * sender (the classic man-in-the-middle claims the gateway's address with its own MAC, in replies and in
 * gratuitous requests). Each host the MAC sent a claim to is reported as a victim.
 */
final class ArpSpoofDetector implements PacketDetector {
    private static final int MAX_CLAIMS = 64;
    private static final int MAX_TRACKED = 65_536;

    private final Map<Long, Long> macOfIp = new HashMap<>();
    private final Map<Long, Set<Long>> ipsOfMac = new HashMap<>();
    /** Per MAC: what it claimed to whom ({claimed IP, target IP, time}). */
    private final Map<Long, List<long[]>> claims = new HashMap<>();

    @Override
    public void observe(PacketInfo p, Findings out) {
        if (p.arpOp == 0 || p.arpSenderIp == PacketInfo.ipv4(0)) {
            return; // not ARP, or an address probe from 0.0.0.0
        }
        if (macOfIp.size() > MAX_TRACKED || claims.size() > MAX_TRACKED) {
            forget(); // a flood of forged ARP from random addresses must not grow the maps without end
        }
        out.single();
        String attacker = PacketInfo.mac(p.arpSenderMac);
        List<long[]> said = claims.computeIfAbsent(p.arpSenderMac, k -> new ArrayList<>());
        if (said.size() < MAX_CLAIMS) {
            said.add(new long[] {p.arpSenderIp, p.arpTargetIp, p.timeMicros, p.arpOp});
        }
        Long before = macOfIp.put(p.arpSenderIp, p.arpSenderMac);
        if (before != null && before != p.arpSenderMac) {
            out.add(finding(0.9, attacker, p.arpTargetIp, p.timeMicros, address(p.arpSenderIp) + " moved from MAC "
                    + PacketInfo.mac(before) + " to " + attacker + " (ARP " + op(p.arpOp) + " to "
                    + address(p.arpTargetIp) + ")"));
        }
        Set<Long> ips = ipsOfMac.computeIfAbsent(p.arpSenderMac, k -> new TreeSet<>());
        ips.add(p.arpSenderIp);
        if (ips.size() > 1) {
            List<String> all = ips.stream().map(ArpSpoofDetector::address).toList();
            for (long[] c : said) {
                out.add(finding(0.8, attacker, c[1], c[2], "MAC " + attacker + " speaks for " + all + "; its ARP " + op((int) c[3])
                        + " claimed " + address(c[0]) + " to " + address(c[1])));
            }
            said.clear();
        }
    }

    private void forget() {
        macOfIp.clear();
        ipsOfMac.clear();
        claims.clear();
    }

    private static String op(int op) {
        return op == 2 ? "reply" : "request";
    }

    private static String address(long ip) {
        return PacketInfo.address(0, ip);
    }

    private static Finding finding(double confidence, String attacker, long victim, long micros, String evidence) {
        return new Finding(Finding.Kind.ARP_SPOOFING, confidence, List.of(attacker), 1, address(victim), List.of(), 1,
                PacketInfo.instant(micros), PacketInfo.instant(micros), evidence);
    }

    @Override
    public void finish(Findings out) {
        // judged packet by packet
    }
}
