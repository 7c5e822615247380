package io.anomalyhunter.traffic;

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

    // One flow is STRIDE longs side by side in one array, so a lookup or insert touches one or two cache
    // lines instead of one per field (a spoofed flood makes every packet a new flow: memory latency is the cost).
    private static final int STRIDE = 10;
    private static final int META = 0;
    private static final int A_HI = 1;
    private static final int A_LO = 2;
    private static final int B_HI = 3;
    private static final int B_LO = 4;
    private static final int FIRST = 5;
    private static final int LAST = 6;
    private static final int PACKETS = 7;
    private static final int WINDOW_A = 8;
    private static final int WINDOW_B = 9;
    // META bits: protocol + 1 (0 = empty slot), TCP state, FIN sides, initiator side, then the port pair.
    private static final long TAG_MASK = 0x1FF;
    private static final int STATE_SHIFT = 9;
    private static final int FIN_SHIFT = 12;
    private static final long INITIATOR_A = 1L << 14;
    private static final long STARTER_A = 1L << 15;
    private static final int PORTS_SHIFT = 32;

    private static final int INITIAL_SLOTS = 1024;

    private final Limits limits;
    private final int maxSlots;
    private int mask;
    private long[] table;
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
        // Starts small and doubles up to the bound (at most half full): a quiet host keeps a small table.
        maxSlots = Integer.highestOneBit(limits.maxFlows() * 2 - 1) << 1;
        int capacity = Math.min(INITIAL_SLOTS, maxSlots);
        mask = capacity - 1;
        table = new long[capacity * STRIDE];
    }

    /** Files one IP packet into its flow; returns the slot (valid until the next call). */
    public int observe(PacketInfo p) {
        boolean srcIsA = srcFirst(p);
        long xHi = srcIsA ? p.srcHi : p.dstHi;
        long xLo = srcIsA ? p.srcLo : p.dstLo;
        long yHi = srcIsA ? p.dstHi : p.srcHi;
        long yLo = srcIsA ? p.dstLo : p.srcLo;
        long portPair = srcIsA ? ((long) p.srcPort << 16) | p.dstPort : ((long) p.dstPort << 16) | p.srcPort;
        long tag = p.protocol + 1;
        long key = (portPair << PORTS_SHIFT) | tag;
        int i = (int) hash(xHi, xLo, yHi, yLo, key) & mask;
        while (true) {
            int at = i * STRIDE;
            long meta = table[at + META];
            if ((meta & TAG_MASK) == 0) {
                break;
            }
            if ((meta & ((-1L << PORTS_SHIFT) | TAG_MASK)) == key && table[at + A_LO] == xLo && table[at + B_LO] == yLo
                    && table[at + A_HI] == xHi && table[at + B_HI] == yHi) {
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
        if ((size + 1) * 2 > mask + 1 && mask + 1 < maxSlots) {
            grow();
            return observe(p);
        }
        // A SYN-ACK first means the SYN went unseen: the receiver of the SYN-ACK started the connection.
        boolean synAck = p.protocol == PacketInfo.TCP && p.has(PacketInfo.SYN) && p.has(PacketInfo.ACK);
        byte state = p.protocol != PacketInfo.TCP ? NOT_TCP
                : p.has(PacketInfo.SYN) ? (synAck ? SYN_RECEIVED : SYN_SENT) : MIDSTREAM;
        int at = i * STRIDE;
        table[at + META] = key | ((long) state << STATE_SHIFT) | (synAck != srcIsA ? INITIATOR_A : 0)
                | (srcIsA ? STARTER_A : 0);
        table[at + A_HI] = xHi;
        table[at + A_LO] = xLo;
        table[at + B_HI] = yHi;
        table[at + B_LO] = yLo;
        table[at + FIRST] = p.timeMicros;
        table[at + LAST] = p.timeMicros;
        table[at + PACKETS] = 0;
        table[at + WINDOW_A] = 0;
        table[at + WINDOW_B] = 0;
        size++;
        created++;
        lastCreated = true;
        update(i, p, srcIsA);
        return i;
    }

    private void update(int i, PacketInfo p, boolean fromA) {
        int at = i * STRIDE;
        lastFromA = fromA;
        table[at + LAST] = Math.max(table[at + LAST], p.timeMicros);
        table[at + PACKETS]++;
        table[at + (fromA ? WINDOW_A : WINDOW_B)] += p.wireLength;
        if (p.protocol == PacketInfo.TCP) {
            long meta = table[at + META];
            boolean fromInitiator = fromA == ((meta & INITIATOR_A) != 0);
            int fins = (int) (meta >>> FIN_SHIFT) & 3;
            byte state = (byte) ((meta >>> STATE_SHIFT) & 7);
            int flags = p.tcpFlags;
            if ((flags & PacketInfo.FIN) != 0) {
                fins |= fromA ? 1 : 2;
            }
            byte next = nextTcpState(state, flags, fromInitiator, fins);
            table[at + META] = (meta & ~((7L << STATE_SHIFT) | (3L << FIN_SHIFT))) | ((long) next << STATE_SHIFT)
                    | ((long) fins << FIN_SHIFT);
        }
    }

    private static byte nextTcpState(byte s, int flags, boolean fromInitiator, int fins) {
        if ((flags & PacketInfo.RST) != 0) {
            return CLOSED;
        }
        if ((flags & PacketInfo.FIN) != 0) {
            return fins == 3 ? CLOSED : CLOSING;
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
        return lastFromA == ((table[slot * STRIDE + META] & INITIATOR_A) != 0);
    }

    /** Whether the last observed packet came from the side that sent the flow's first packet. */
    public boolean lastFromStarter(int slot) {
        return lastFromA == ((table[slot * STRIDE + META] & STARTER_A) != 0);
    }

    public byte tcpState(int slot) {
        return (byte) ((table[slot * STRIDE + META] >>> STATE_SHIFT) & 7);
    }

    public long packets(int slot) {
        return table[slot * STRIDE + PACKETS];
    }

    /** Ends flows whose time is up at {@code nowMicros}: idle, closed and lingered, or active too long. */
    public void expire(long nowMicros) {
        sweep(nowMicros, null);
    }

    /** Receives each flow's bytes since the last call, per side; used for top talkers. */
    public interface WindowVisitor {
        void flow(long aHi, long aLo, long bytesFromA, long bHi, long bLo, long bytesFromB);
    }

    /**
     * One pass over the table: hands {@code visitor} (when not null) every flow with traffic since the last
     * such pass and starts a new window, then ends the flows whose time is up at {@code nowMicros}. One pass
     * for both because the table can be megabytes: reading it is the cost, not what is done per flow.
     */
    public void sweep(long nowMicros, WindowVisitor visitor) {
        long[] t = table;
        long idleMicros = limits.idleMicros();
        long activeMicros = limits.activeMicros();
        int i = 0;
        while (i <= mask) {
            int at = i * STRIDE;
            long meta = t[at + META];
            if ((meta & TAG_MASK) == 0) {
                i++;
                continue;
            }
            if (visitor != null && (t[at + WINDOW_A] | t[at + WINDOW_B]) != 0) {
                visitor.flow(t[at + A_HI], t[at + A_LO], t[at + WINDOW_A], t[at + B_HI], t[at + B_LO], t[at + WINDOW_B]);
                t[at + WINDOW_A] = 0;
                t[at + WINDOW_B] = 0;
            }
            long idle = nowMicros - t[at + LAST];
            if (idle >= idleMicros) {
                endedIdle++;
                remove(i);
                continue; // remove() shifted a later flow into slot i (its window was not drained yet, or is zero)
            }
            if (((meta >>> STATE_SHIFT) & 7) == CLOSED && idle >= CLOSED_LINGER_MICROS) {
                closedCount++;
                remove(i);
                continue;
            }
            if (nowMicros - t[at + FIRST] >= activeMicros) {
                endedActive++;
                t[at + FIRST] = nowMicros;
                t[at + PACKETS] = 0;
            }
            i++;
        }
    }

    public Counts counts() {
        return new Counts(created, endedIdle, endedActive, closedCount, evicted, size);
    }

    public int size() {
        return size;
    }

    /** Doubles the table and puts every flow at its place in the bigger one. */
    private void grow() {
        long[] old = table;
        int capacity = (mask + 1) * 2;
        table = new long[capacity * STRIDE];
        mask = capacity - 1;
        hand = 0;
        for (int at = 0; at < old.length; at += STRIDE) {
            long meta = old[at + META];
            if ((meta & TAG_MASK) != 0) {
                long key = meta & ((-1L << PORTS_SHIFT) | TAG_MASK);
                int i = (int) hash(old[at + A_HI], old[at + A_LO], old[at + B_HI], old[at + B_LO], key) & mask;
                while ((table[i * STRIDE + META] & TAG_MASK) != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, at, table, i * STRIDE, STRIDE);
            }
        }
    }

    /** Evicts the stalest of a few flows after the hand (which sweeps the table, so no region is favoured). */
    private void evictOne() {
        int victim = -1;
        int seen = 0;
        int i = hand;
        while (seen < EVICTION_CANDIDATES) {
            if ((table[i * STRIDE + META] & TAG_MASK) != 0) {
                if (victim < 0 || table[i * STRIDE + LAST] < table[victim * STRIDE + LAST]) {
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
            int at = j * STRIDE;
            long meta = table[at + META];
            if ((meta & TAG_MASK) == 0) {
                break;
            }
            long key = meta & ((-1L << PORTS_SHIFT) | TAG_MASK);
            int home = (int) hash(table[at + A_HI], table[at + A_LO], table[at + B_HI], table[at + B_LO], key) & mask;
            // Move j into the gap when its home is not cyclically within (gap, j].
            boolean between = gap <= j ? home > gap && home <= j : home > gap || home <= j;
            if (!between) {
                System.arraycopy(table, at, table, gap * STRIDE, STRIDE);
                gap = j;
            }
        }
        table[gap * STRIDE + META] = 0;
        size--;
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

    private static long hash(long xHi, long xLo, long yHi, long yLo, long portsAndTag) {
        long h = xLo * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ yLo) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ xHi ^ Long.rotateLeft(yHi, 17) ^ portsAndTag) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }
}
