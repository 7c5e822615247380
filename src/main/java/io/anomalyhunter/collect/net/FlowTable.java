package io.anomalyhunter.collect.net;

/**
 * Bidirectional flows keyed by the 5-tuple, with TCP state, idle and active timeouts and a hard bound on
 * the number of flows. Open addressing with linear probing over primitive arrays: a packet costs one hash
 * and a few array reads, and a spoofed flood (a new flow per packet) allocates nothing. When the table is
 * full the stalest of a few flows near a sweeping hand is evicted and counted. Not thread-safe.
 */
public final class FlowTable {
    /** TCP state of a flow as seen from the wire; non-TCP flows stay {@link #NOT_TCP}. */
    public static final byte NOT_TCP = 0;
    public static final byte SYN_SENT = 1;
    public static final byte SYN_RECEIVED = 2;
    public static final byte ESTABLISHED = 3;
    public static final byte CLOSING = 4;
    public static final byte CLOSED = 5;
    /** First seen mid-connection (no SYN): the capture started after it did. */
    public static final byte MIDSTREAM = 6;

    /** Flows that ended with RST or FIN in both directions linger this long for late packets. */
    private static final long CLOSED_LINGER_MICROS = 5_000_000;
    private static final int EVICTION_CANDIDATES = 8;

    /** Limits: at most {@code maxFlows}; a flow ends after {@code idleMicros} without packets, and a flow
     * older than {@code activeMicros} is counted as ended and restarted (long transfers show up as several). */
    public record Limits(int maxFlows, long idleMicros, long activeMicros) {
        public static final Limits DEFAULTS = new Limits(65_536, 60_000_000L, 1_800_000_000L);

        public Limits {
            if (maxFlows < 16 || maxFlows > 4_000_000) {
                throw new IllegalArgumentException("maxFlows must be 16..4000000, was " + maxFlows);
            }
        }
    }

    /** How many flows began and how they ended, since the table was made. */
    public record Counts(long created, long endedIdle, long endedActive, long closed, long evicted, int active) {
    }

    private final Limits limits;
    private final int mask;
    private final byte[] used; // 0 empty, otherwise protocol + 1 (protocol 0 exists)
    private final long[] aHi;
    private final long[] aLo;
    private final long[] bHi;
    private final long[] bLo;
    private final int[] ports; // portA << 16 | portB
    private final byte[] state;
    private final byte[] finSides; // bit 1: A sent FIN, bit 2: B sent FIN
    private final boolean[] initiatorIsA;
    private final long[] first;
    private final long[] last;
    private final long[] packets;
    private final long[] windowBytesA;
    private final long[] windowBytesB;
    private int size;
    private int hand;
    private long created;
    private long endedIdle;
    private long endedActive;
    private long closedCount;
    private long evicted;
    // Set by the last observe(): whether the packet came from side A of its flow and whether it made a new flow.
    private boolean lastFromA;
    private boolean lastCreated;

    public FlowTable(Limits limits) {
        this.limits = limits;
        int capacity = Integer.highestOneBit(limits.maxFlows() * 2 - 1) << 1;
        mask = capacity - 1;
        used = new byte[capacity];
        aHi = new long[capacity];
        aLo = new long[capacity];
        bHi = new long[capacity];
        bLo = new long[capacity];
        ports = new int[capacity];
        state = new byte[capacity];
        finSides = new byte[capacity];
        initiatorIsA = new boolean[capacity];
        first = new long[capacity];
        last = new long[capacity];
        packets = new long[capacity];
        windowBytesA = new long[capacity];
        windowBytesB = new long[capacity];
    }

    /** Files one IP packet into its flow; returns the slot (valid until the next call). */
    public int observe(PacketInfo p) {
        boolean srcIsA = srcFirst(p);
        long xHi = srcIsA ? p.srcHi : p.dstHi;
        long xLo = srcIsA ? p.srcLo : p.dstLo;
        long yHi = srcIsA ? p.dstHi : p.srcHi;
        long yLo = srcIsA ? p.dstLo : p.srcLo;
        int portPair = srcIsA ? (p.srcPort << 16) | p.dstPort : (p.dstPort << 16) | p.srcPort;
        byte tag = (byte) (p.protocol + 1);
        int i = (int) hash(xHi, xLo, yHi, yLo, portPair, tag) & mask;
        while (used[i] != 0) {
            if (used[i] == tag && ports[i] == portPair && aLo[i] == xLo && bLo[i] == yLo && aHi[i] == xHi && bHi[i] == yHi) {
                lastCreated = false;
                update(i, p, srcIsA);
                return i;
            }
            i = (i + 1) & mask;
        }
        if (size >= limits.maxFlows()) {
            evictOne();
            return observe(p); // the eviction may have shifted this probe chain
        }
        used[i] = tag;
        aHi[i] = xHi;
        aLo[i] = xLo;
        bHi[i] = yHi;
        bLo[i] = yLo;
        ports[i] = portPair;
        first[i] = p.timeMicros;
        last[i] = p.timeMicros;
        packets[i] = 0;
        windowBytesA[i] = windowBytesB[i] = 0;
        finSides[i] = 0;
        // A SYN-ACK first means the SYN went unseen: the receiver of the SYN-ACK started the connection.
        boolean synAck = p.protocol == PacketInfo.TCP && p.has(PacketInfo.SYN) && p.has(PacketInfo.ACK);
        initiatorIsA[i] = synAck != srcIsA;
        state[i] = p.protocol != PacketInfo.TCP ? NOT_TCP
                : p.has(PacketInfo.SYN) ? (synAck ? SYN_RECEIVED : SYN_SENT) : MIDSTREAM;
        size++;
        created++;
        lastCreated = true;
        update(i, p, srcIsA);
        return i;
    }

    private void update(int i, PacketInfo p, boolean fromA) {
        lastFromA = fromA;
        last[i] = Math.max(last[i], p.timeMicros);
        packets[i]++;
        if (fromA) {
            windowBytesA[i] += p.wireLength;
        } else {
            windowBytesB[i] += p.wireLength;
        }
        if (p.protocol == PacketInfo.TCP) {
            state[i] = nextTcpState(state[i], p.tcpFlags, fromA == initiatorIsA[i], i, fromA);
        }
    }

    private byte nextTcpState(byte s, int flags, boolean fromInitiator, int i, boolean fromA) {
        if ((flags & PacketInfo.RST) != 0) {
            return CLOSED;
        }
        if ((flags & PacketInfo.FIN) != 0) {
            finSides[i] |= (byte) (fromA ? 1 : 2);
            return finSides[i] == 3 ? CLOSED : CLOSING;
        }
        if (s == SYN_SENT && !fromInitiator && (flags & PacketInfo.SYN) != 0 && (flags & PacketInfo.ACK) != 0) {
            return SYN_RECEIVED;
        }
        if (s == SYN_RECEIVED && fromInitiator && (flags & PacketInfo.ACK) != 0) {
            return ESTABLISHED;
        }
        return s;
    }

    /** Whether the last observed packet made a new flow. */
    public boolean createdLast() {
        return lastCreated;
    }

    /** Whether the last observed packet came from the flow's initiator. */
    public boolean lastFromInitiator(int slot) {
        return lastFromA == initiatorIsA[slot];
    }

    public byte tcpState(int slot) {
        return state[slot];
    }

    public long packets(int slot) {
        return packets[slot];
    }

    /** Ends flows whose time is up at {@code nowMicros}: idle, closed and lingered, or active too long. */
    public void expire(long nowMicros) {
        int i = 0;
        while (i <= mask) {
            if (used[i] != 0) {
                long idle = nowMicros - last[i];
                if (idle >= limits.idleMicros()) {
                    endedIdle++;
                    remove(i);
                    continue; // remove() shifted a later flow into slot i
                }
                if (state[i] == CLOSED && idle >= CLOSED_LINGER_MICROS) {
                    closedCount++;
                    remove(i);
                    continue;
                }
                if (nowMicros - first[i] >= limits.activeMicros()) {
                    endedActive++;
                    first[i] = nowMicros;
                    packets[i] = 0;
                }
            }
            i++;
        }
    }

    /** Receives each flow's bytes since the last call, per side; used for top talkers. */
    public interface WindowVisitor {
        void flow(long aHi, long aLo, long bytesFromA, long bHi, long bLo, long bytesFromB);
    }

    /** Visits every flow with traffic since the last call and starts a new window. */
    public void drainWindow(WindowVisitor visitor) {
        for (int i = 0; i <= mask; i++) {
            if (used[i] != 0 && (windowBytesA[i] | windowBytesB[i]) != 0) {
                visitor.flow(aHi[i], aLo[i], windowBytesA[i], bHi[i], bLo[i], windowBytesB[i]);
                windowBytesA[i] = windowBytesB[i] = 0;
            }
        }
    }

    public Counts counts() {
        return new Counts(created, endedIdle, endedActive, closedCount, evicted, size);
    }

    public int size() {
        return size;
    }

    /** Evicts the stalest of a few flows after the hand (which sweeps the table, so no region is favoured). */
    private void evictOne() {
        int victim = -1;
        int seen = 0;
        int i = hand;
        while (seen < EVICTION_CANDIDATES) {
            if (used[i] != 0) {
                if (victim < 0 || last[i] < last[victim]) {
                    victim = i;
                }
                seen++;
            }
            i = (i + 1) & mask;
        }
        hand = i;
        evicted++;
        remove(victim);
    }

    /** Backward-shift deletion: later members of the probe chain move up so lookups never stop early. */
    private void remove(int slot) {
        int gap = slot;
        int j = slot;
        while (true) {
            j = (j + 1) & mask;
            if (used[j] == 0) {
                break;
            }
            int home = (int) hash(aHi[j], aLo[j], bHi[j], bLo[j], ports[j], used[j]) & mask;
            // Move j into the gap when its home is not cyclically within (gap, j].
            boolean between = gap <= j ? home > gap && home <= j : home > gap || home <= j;
            if (!between) {
                move(j, gap);
                gap = j;
            }
        }
        used[gap] = 0;
        size--;
    }

    private void move(int from, int to) {
        used[to] = used[from];
        aHi[to] = aHi[from];
        aLo[to] = aLo[from];
        bHi[to] = bHi[from];
        bLo[to] = bLo[from];
        ports[to] = ports[from];
        state[to] = state[from];
        finSides[to] = finSides[from];
        initiatorIsA[to] = initiatorIsA[from];
        first[to] = first[from];
        last[to] = last[from];
        packets[to] = packets[from];
        windowBytesA[to] = windowBytesA[from];
        windowBytesB[to] = windowBytesB[from];
    }

    /** The canonical order of the two ends: the smaller (address, port) is side A. */
    private static boolean srcFirst(PacketInfo p) {
        if (p.srcHi != p.dstHi) {
            return Long.compareUnsigned(p.srcHi, p.dstHi) < 0;
        }
        if (p.srcLo != p.dstLo) {
            return Long.compareUnsigned(p.srcLo, p.dstLo) < 0;
        }
        return p.srcPort <= p.dstPort;
    }

    private static long hash(long xHi, long xLo, long yHi, long yLo, int portPair, byte tag) {
        long h = xLo * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ yLo) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ xHi ^ Long.rotateLeft(yHi, 17) ^ ((long) portPair << 8 | tag)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }
}
