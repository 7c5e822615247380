package io.anomalyhunter.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final long CLIENT = PacketInfo.ipv4(0x0A000002);
    private static final long SERVER = PacketInfo.ipv4(0x0A000001);

    private static PacketInfo tcp(long src, int sport, long dst, int dport, int flags, long micros) {
        PacketInfo p = new PacketInfo();
        p.ipVersion = 4;
        p.protocol = PacketInfo.TCP;
        p.srcLo = src;
        p.dstLo = dst;
        p.srcPort = sport;
        p.dstPort = dport;
        p.tcpFlags = flags;
        p.timeMicros = micros;
        p.wireLength = 60;
        return p;
    }

    @Test
    void bothDirectionsAreOneFlowAndTheHandshakeIsFollowed() {
        FlowTable t = new FlowTable(FlowTable.Limits.DEFAULTS);
        int s = t.observe(tcp(CLIENT, 40000, SERVER, 22, PacketInfo.SYN, 0));
        assertTrue(t.createdLast());
        assertEquals(FlowTable.SYN_SENT, t.tcpState(s));
        assertTrue(t.lastFromInitiator(s));
        s = t.observe(tcp(SERVER, 22, CLIENT, 40000, PacketInfo.SYN | PacketInfo.ACK, 10));
        assertFalse(t.createdLast());
        assertFalse(t.lastFromInitiator(s));
        assertEquals(FlowTable.SYN_RECEIVED, t.tcpState(s));
        s = t.observe(tcp(CLIENT, 40000, SERVER, 22, PacketInfo.ACK, 20));
        assertEquals(FlowTable.ESTABLISHED, t.tcpState(s));
        s = t.observe(tcp(CLIENT, 40000, SERVER, 22, PacketInfo.FIN | PacketInfo.ACK, 30));
        assertEquals(FlowTable.CLOSING, t.tcpState(s));
        s = t.observe(tcp(SERVER, 22, CLIENT, 40000, PacketInfo.FIN | PacketInfo.ACK, 40));
        assertEquals(FlowTable.CLOSED, t.tcpState(s));
        assertEquals(5, t.packets(s));
        assertEquals(1, t.size());
        t.expire(6_000_000); // closed flows linger 5 s, then end
        assertEquals(new FlowTable.Counts(1, 0, 0, 1, 0, 0), t.counts());
    }

    @Test
    void aSynAckSeenFirstMakesItsReceiverTheInitiator() {
        FlowTable t = new FlowTable(FlowTable.Limits.DEFAULTS);
        int s = t.observe(tcp(SERVER, 80, CLIENT, 5555, PacketInfo.SYN | PacketInfo.ACK, 0));
        assertFalse(t.lastFromInitiator(s));
        assertEquals(FlowTable.SYN_RECEIVED, t.tcpState(s));
        s = t.observe(tcp(CLIENT, 5555, SERVER, 80, PacketInfo.RST, 1));
        assertEquals(FlowTable.CLOSED, t.tcpState(s));
    }

    @Test
    void idleAndActiveTimeoutsEndFlows() {
        FlowTable t = new FlowTable(new FlowTable.Limits(16, 10_000_000, 30_000_000));
        t.observe(tcp(CLIENT, 1, SERVER, 2, PacketInfo.ACK, 0));
        t.observe(tcp(CLIENT, 3, SERVER, 4, PacketInfo.ACK, 0));
        for (long s = 1; s <= 31; s++) {
            t.observe(tcp(CLIENT, 1, SERVER, 2, PacketInfo.ACK, s * 1_000_000)); // busy
            t.expire(s * 1_000_000);
        }
        FlowTable.Counts c = t.counts();
        assertEquals(1, c.endedIdle(), "the quiet flow ends after 10 s");
        assertEquals(1, c.endedActive(), "the busy one is cut after 30 s");
        assertEquals(1, c.active());
    }

    @Test
    void aFloodOfNewFlowsStaysWithinTheBoundAndCountsEvictions() {
        FlowTable t = new FlowTable(new FlowTable.Limits(1024, 60_000_000, 1_800_000_000));
        for (int i = 0; i < 100_000; i++) {
            t.observe(tcp(PacketInfo.ipv4(0x0B000000 + i), 1024 + (i & 0xFFF), SERVER, 80, PacketInfo.SYN, i));
        }
        assertEquals(1024, t.size());
        assertEquals(100_000 - 1024, t.counts().evicted());
        assertEquals(100_000, t.counts().created());
    }

    @Test
    void lookupsStayRightThroughRandomInsertsAndRemovals() {
        // Compares packet counts with a HashMap over a churn of inserts, evictions and expiries, which
        // exercises backward-shift deletion in crowded probe chains.
        FlowTable t = new FlowTable(new FlowTable.Limits(256, 5_000_000, 1_800_000_000));
        Map<Long, long[]> reference = new HashMap<>();
        Random r = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            long micros = step * 100L;
            int host = r.nextInt(400);
            PacketInfo p = tcp(PacketInfo.ipv4(0x0C000000 + host), 1000, SERVER, 443, PacketInfo.ACK, micros);
            int slot = t.observe(p);
            long[] ref = reference.get((long) host);
            if (t.createdLast()) {
                reference.put((long) host, new long[] {1});
            } else {
                ref[0]++;
                assertEquals(ref[0], t.packets(slot), "flow of host " + host + " at step " + step);
            }
            if (step % 5000 == 0) {
                t.expire(micros);
            }
            assertTrue(t.size() <= 256);
        }
    }
}
