package io.anomalyhunter.detect.net;

import java.util.Arrays;

/**
 * Says whether an address was seen before in this window, in a fixed 128 KB bit array (so it stays in
 * cache). Detectors track a source exactly only from its second packet: a spoofed flood, where nearly
 * every source sends once, then never reaches their tables. A collision can make a first sighting look
 * like a repeat (about one in ten at 100,000 sources a window); that only costs a little tracking.
 */
final class RepeatFilter {
    private static final int BITS = 1 << 20;
    private final long[] words = new long[BITS / 64];
    private boolean dirty;

    /** Marks the address; true when it was marked already. */
    boolean seenBefore(long hi, long lo) {
        long h = (lo ^ Long.rotateLeft(hi, 31)) * 0x9E3779B97F4A7C15L;
        int bit = (int) (h >>> 44); // top 20 bits
        long mask = 1L << bit;
        int word = bit >>> 6;
        boolean seen = (words[word] & mask) != 0;
        words[word] |= mask;
        dirty = true;
        return seen;
    }

    void clear() {
        if (dirty) {
            Arrays.fill(words, 0);
            dirty = false;
        }
    }
}
