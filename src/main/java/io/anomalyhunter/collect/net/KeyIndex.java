package io.anomalyhunter.collect.net;

import java.util.Arrays;

/**
 * Gives each distinct key (one to four longs) a dense id 0, 1, 2 ... so detectors can keep their counts in
 * plain arrays indexed by id and walk them in order. Open addressing over primitive arrays: no allocation
 * per packet, which matters when a spoofed flood makes every packet a new key. Holds at most
 * {@code maxKeys}; {@link #add} returns -1 beyond that (the caller counts what it could not track).
 */
final class KeyIndex {
    private static final int ID_BITS = 21;
    private static final int ID_MASK = (1 << ID_BITS) - 1;
    static final int MAX_KEYS = ID_MASK - 1;
    private final int arity;
    private final int maxKeys;
    private final int mask;
    /** Per slot: 0 empty, else (hash tag << ID_BITS) | (id + 1); the tag rejects most other keys without reading them. */
    private final int[] slots;
    private final long[] keys;
    private int size;
    private boolean added;

    KeyIndex(int arity, int maxKeys) {
        if (arity < 1 || arity > 4) {
            throw new IllegalArgumentException("arity must be 1..4, was " + arity);
        }
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys must be 1.." + MAX_KEYS + ", was " + maxKeys);
        }
        this.arity = arity;
        this.maxKeys = maxKeys;
        int capacity = Integer.highestOneBit(Math.max(2, maxKeys) * 2 - 1) << 1;
        mask = capacity - 1;
        slots = new int[capacity];
        keys = new long[maxKeys * arity];
    }

    /** The id of the key, or -1 when it is not there. Unused trailing components must be 0. */
    int find(long a, long b, long c, long d) {
        long h = hash(a, b, c, d);
        int tag = tag(h);
        int i = (int) h & mask;
        while (slots[i] != 0) {
            int slot = slots[i];
            if ((slot & ~ID_MASK) == tag && same((slot & ID_MASK) - 1, a, b, c, d)) {
                return (slot & ID_MASK) - 1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The id of the key, adding it if new ({@link #added} says which); -1 when full. */
    int add(long a, long b, long c, long d) {
        long h = hash(a, b, c, d);
        int tag = tag(h);
        int i = (int) h & mask;
        while (slots[i] != 0) {
            int slot = slots[i];
            if ((slot & ~ID_MASK) == tag && same((slot & ID_MASK) - 1, a, b, c, d)) {
                added = false;
                return (slot & ID_MASK) - 1;
            }
            i = (i + 1) & mask;
        }
        if (size == maxKeys) {
            added = false;
            return -1;
        }
        int id = size++;
        slots[i] = tag | (id + 1);
        int k = id * arity;
        keys[k] = a;
        if (arity > 1) {
            keys[k + 1] = b;
        }
        if (arity > 2) {
            keys[k + 2] = c;
        }
        if (arity > 3) {
            keys[k + 3] = d;
        }
        added = true;
        return id;
    }

    /** Whether the last {@link #add} made a new id. */
    boolean added() {
        return added;
    }

    long key(int id, int component) {
        return keys[id * arity + component];
    }

    int size() {
        return size;
    }

    void clear() {
        if (size * 16L < slots.length) {
            // Few keys: empty just their slots (found by walking from each key's home; zeros are skipped).
            for (int id = 0; id < size; id++) {
                int k = id * arity;
                long h = hash(keys[k], arity > 1 ? keys[k + 1] : 0, arity > 2 ? keys[k + 2] : 0, arity > 3 ? keys[k + 3] : 0);
                int i = (int) h & mask;
                while ((slots[i] & ID_MASK) != id + 1) {
                    i = (i + 1) & mask;
                }
                slots[i] = 0;
            }
        } else {
            Arrays.fill(slots, 0);
        }
        size = 0;
    }

    private boolean same(int id, long a, long b, long c, long d) {
        int k = id * arity;
        return keys[k] == a && (arity < 2 || keys[k + 1] == b) && (arity < 3 || keys[k + 2] == c)
                && (arity < 4 || keys[k + 3] == d);
    }

    private static long hash(long a, long b, long c, long d) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ b) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 31) ^ c ^ Long.rotateLeft(d, 23)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 32);
    }

    /** The top bits of the hash (the slot index uses the bottom ones), placed above the id. */
    private static int tag(long h) {
        return (int) (h >>> (64 - (32 - ID_BITS))) << ID_BITS;
    }
}
