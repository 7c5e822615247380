package io.anomalyhunter.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds NSL-KDD connection records from packets: TCP, UDP and ICMP conversations keyed by their 5-tuple, the
 * originator the sender of the first packet (of the SYN, for TCP). A TCP connection ends at RST or when both
 * sides have sent FIN; any connection ends after its idle timeout, and all end when the capture does. Each
 * finished connection goes to the sink in end order. At most {@code maxOpen} are tracked: past that the
 * stalest is ended early (a spoofed flood must not grow the heap). Not thread-safe: the capture thread's.
 */
public final class ConnectionTracker implements PacketObserver {
    /** A SYN with no answer, or a conversation over UDP/ICMP, is over after this long without packets. */
    static final long SHORT_IDLE_MICROS = 5_000_000;
    /** An established TCP connection may pause longer. */
    static final long LONG_IDLE_MICROS = 60_000_000;
    private static final int URG = 0x20;

    /**
     * A conversation's 5-tuple, originator first. Mutable only so that one probe per direction can be refilled for
     * every packet's lookup (no allocation per packet under a flood); keys stored in the maps are copies, never changed.
     */
    private static final class Key {
        int protocol;
        long aHi;
        long aLo;
        int aPort;
        long bHi;
        long bLo;
        int bPort;

        Key set(int protocol, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
            this.protocol = protocol;
            this.aHi = aHi;
            this.aLo = aLo;
            this.aPort = aPort;
            this.bHi = bHi;
            this.bLo = bLo;
            this.bPort = bPort;
            return this;
        }

        Key copy() {
            return new Key().set(protocol, aHi, aLo, aPort, bHi, bLo, bPort);
        }

        Key reversed() {
            return new Key().set(protocol, bHi, bLo, bPort, aHi, aLo, aPort);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.protocol == protocol && k.aHi == aHi && k.aLo == aLo && k.aPort == aPort
                    && k.bHi == bHi && k.bLo == bLo && k.bPort == bPort;
        }

        @Override
        public int hashCode() {
            long h = protocol * 31L + aHi;
            h = h * 0x9E3779B97F4A7C15L + aLo;
            h = h * 0x9E3779B97F4A7C15L + aPort;
            h = h * 0x9E3779B97F4A7C15L + bHi;
            h = h * 0x9E3779B97F4A7C15L + bLo;
            h = h * 0x9E3779B97F4A7C15L + bPort;
            return (int) (h ^ h >>> 32);
        }
    }

    /** What is known of an open connection, from the originator's side. */
    private static final class Open {
        final Key key;
        final long start;
        long last;
        int icmpType;
        long origBytes;
        long respBytes;
        int urgent;
        int wrongFragments;
        boolean origSyn;
        boolean respSynAck;
        boolean established;
        boolean origFin;
        boolean respFin;
        boolean origRst;
        boolean respRst;

        Open(Key key, long start) {
            this.key = key;
            this.start = start;
            this.last = start;
        }
    }

    /** A closed TCP connection's late packets (the last ACK, a retransmitted FIN) are absorbed this long. */
    static final long CLOSED_LINGER_MICROS = 5_000_000;

    private final Key forwardProbe = new Key();
    private final Key backwardProbe = new Key();
    private final Map<Key, Open> open = new HashMap<>();
    /** Closed TCP connections (either direction's key) and when they closed. */
    private final Map<Key, Long> closed = new HashMap<>();
    private final Consumer<ConnectionRecord> sink;
    private final int maxOpen;
    private final int maxNewPerSecond;
    private long second = Long.MIN_VALUE;
    private int newThisSecond;
    private long untracked;

    /** Follows every connection (a capture file read offline). */
    public ConnectionTracker(int maxOpen, Consumer<ConnectionRecord> sink) {
        this(maxOpen, Integer.MAX_VALUE, sink);
    }

    /**
     * Follows at most {@code maxNewPerSecond} new connections each second of capture time: past that (a flood) the
     * others are counted, not followed, so what a connection costs beyond its packets' lookups stays bounded.
     */
    public ConnectionTracker(int maxOpen, int maxNewPerSecond, Consumer<ConnectionRecord> sink) {
        this.maxOpen = maxOpen;
        this.maxNewPerSecond = maxNewPerSecond;
        this.sink = sink;
    }

    /** Connections not followed because a second brought more than the tracker takes. */
    public long untracked() {
        return untracked;
    }

    @Override
    public void observe(PacketInfo p) {
        if (p.ipVersion == 0 || p.protocol != PacketInfo.TCP && p.protocol != PacketInfo.UDP && p.protocol != PacketInfo.ICMP) {
            return;
        }
        if (p.fragment && !p.firstFragment) {
            return; // no ports: KDD's wrong_fragment counts malformed fragments, which the decoder does not judge
        }
        Key forward = forwardProbe.set(p.protocol, p.srcHi, p.srcLo, p.srcPort, p.dstHi, p.dstLo, p.dstPort);
        Open c = open.get(forward);
        boolean fromOrig = true;
        if (c == null) {
            c = open.get(backwardProbe.set(p.protocol, p.dstHi, p.dstLo, p.dstPort, p.srcHi, p.srcLo, p.srcPort));
            fromOrig = false;
        }
        if (c == null) {
            Long closedAt = closed.get(forward);
            if (closedAt != null && p.timeMicros - closedAt < CLOSED_LINGER_MICROS && !p.has(PacketInfo.SYN)) {
                return;
            }
            long s = p.timeMicros / 1_000_000;
            if (s != second) {
                second = s;
                newThisSecond = 0;
            }
            if (newThisSecond >= maxNewPerSecond) {
                untracked++;
                return;
            }
            newThisSecond++;
            if (open.size() >= maxOpen) {
                endStalest();
            }
            // A SYN-ACK first means the SYN went unseen: its receiver is the originator. Without a SYN (the
            // capture began mid-connection) a well-known port talking to an ephemeral one is the responder.
            boolean synAck = p.protocol == PacketInfo.TCP && p.has(PacketInfo.SYN) && p.has(PacketInfo.ACK);
            boolean serverFirst = p.protocol != PacketInfo.ICMP && !p.has(PacketInfo.SYN) && p.srcPort < 1024 && p.dstPort >= 1024;
            Key key = synAck || serverFirst ? forward.reversed() : forward.copy();
            c = new Open(key, p.timeMicros);
            c.icmpType = p.icmpType;
            if (synAck) {
                c.origSyn = true;
            }
            open.put(key, c);
            fromOrig = key.equals(forward);
        }
        update(c, p, fromOrig);
        if (p.protocol == PacketInfo.TCP && (c.origRst || c.respRst || c.origFin && c.respFin)) {
            end(c);
        }
    }

    private static void update(Open c, PacketInfo p, boolean fromOrig) {
        c.last = Math.max(c.last, p.timeMicros);
        if (fromOrig) {
            c.origBytes += p.payloadLength;
        } else {
            c.respBytes += p.payloadLength;
        }
        if (p.protocol != PacketInfo.TCP) {
            return;
        }
        int f = p.tcpFlags;
        if ((f & URG) != 0) {
            c.urgent++;
        }
        if (fromOrig && (f & PacketInfo.SYN) != 0 && (f & PacketInfo.ACK) == 0) {
            c.origSyn = true;
        }
        if (!fromOrig && (f & PacketInfo.SYN) != 0 && (f & PacketInfo.ACK) != 0) {
            c.respSynAck = true;
        }
        if (fromOrig && c.respSynAck && (f & PacketInfo.ACK) != 0 && (f & PacketInfo.SYN) == 0) {
            c.established = true;
        }
        if ((f & PacketInfo.FIN) != 0) {
            if (fromOrig) {
                c.origFin = true;
            } else {
                c.respFin = true;
            }
        }
        if ((f & PacketInfo.RST) != 0) {
            if (fromOrig) {
                c.origRst = true;
            } else {
                c.respRst = true;
            }
        }
    }

    @Override
    public void tick(long nowMicros) {
        closed.values().removeIf(at -> nowMicros - at >= CLOSED_LINGER_MICROS);
        List<Open> due = new ArrayList<>();
        for (Open c : open.values()) {
            long idle = nowMicros - c.last;
            if (idle >= LONG_IDLE_MICROS || idle >= SHORT_IDLE_MICROS && !(c.key.protocol == PacketInfo.TCP && c.established)) {
                due.add(c);
            }
        }
        due.sort((x, y) -> Long.compare(x.last, y.last));
        due.forEach(this::end);
    }

    @Override
    public void finish(long nowMicros) {
        List<Open> all = new ArrayList<>(open.values());
        all.sort((x, y) -> Long.compare(x.last, y.last));
        all.forEach(this::end);
    }

    public int openConnections() {
        return open.size();
    }

    private void endStalest() {
        Iterator<Open> it = open.values().iterator();
        Open stalest = it.next();
        for (int i = 0; i < 64 && it.hasNext(); i++) {
            Open c = it.next();
            stalest = c.last < stalest.last ? c : stalest;
        }
        end(stalest);
    }

    private void end(Open c) {
        open.remove(c.key);
        Key k = c.key;
        if (k.protocol == PacketInfo.TCP && (c.origRst || c.respRst || c.origFin && c.respFin) && closed.size() < maxOpen) {
            closed.put(k, c.last);
            closed.put(k.reversed(), c.last);
        }
        String orig = PacketInfo.address(k.aHi, k.aLo);
        String resp = PacketInfo.address(k.bHi, k.bLo);
        boolean land = k.aHi == k.bHi && k.aLo == k.bLo && k.aPort == k.bPort;
        String flag = k.protocol == PacketInfo.TCP ? flag(c) : "SF";
        boolean loggedIn = k.protocol == PacketInfo.TCP && c.established && c.origBytes > 0 && c.respBytes > 0;
        sink.accept(new ConnectionRecord(c.start, c.last, k.protocol, orig, k.aPort, resp, k.bPort,
                KddServices.of(k.protocol, k.bPort, c.icmpType), flag, c.origBytes, c.respBytes, land, c.wrongFragments,
                c.urgent, loggedIn));
    }

    /** KDD's connection state (Bro's conn_state) from what each side sent. */
    public static String flag(boolean origSyn, boolean respSynAck, boolean origFin, boolean respFin, boolean origRst,
                       boolean respRst) {
        if (!origSyn) {
            return "OTH";
        }
        if (!respSynAck) {
            if (respRst) {
                return "REJ";
            }
            if (origRst) {
                return "RSTOS0";
            }
            return origFin ? "SH" : "S0";
        }
        if (origRst) {
            return "RSTO";
        }
        if (respRst) {
            return "RSTR";
        }
        if (origFin && respFin) {
            return "SF";
        }
        if (origFin) {
            return "S2";
        }
        if (respFin) {
            return "S3";
        }
        return "S1";
    }

    private static String flag(Open c) {
        return flag(c.origSyn, c.respSynAck, c.origFin, c.respFin, c.origRst, c.respRst);
    }
}
