package io.anomalyhunter.traffic;

import java.util.Arrays;

/**
 * Gives each distinct key (one to four longs) a dense id 0, 1, 2 ... so detectors can keep their counts in
 * plain arrays indexed by id and walk them in order. Open addressing over primitive arrays: no allocation
 * per packet, which matters when a spoofed flood makes every packet a new key. Holds at most
 * {@code maxKeys}; {@link #add} returns -1 beyond that (the caller counts what it could not track). Tables
 * start small and double as keys arrive; callers size their per-id arrays with {@link #fit}.
 */
public final class KeyIndex {
    private static final int ID_BITS = 21;
    private static final int ID_MASK = (1 << ID_BITS) - 1;
    static final int MAX_KEYS = ID_MASK - 1;
    private static final int INITIAL_SLOTS = 64;

    private final int arity;
    private final int maxKeys;
    private final int maxSlots;
    private int mask;
    /** Per slot: 0 empty, else (hash tag << ID_BITS) | (id + 1); the tag rejects most other keys without reading them. */
    private int[] slots;
    private long[] keys;
    private int size;
    private boolean added;

    public KeyIndex(int arity, int maxKeys) {
        if (arity < 1 || arity > 4) {
            throw new IllegalArgumentException("arity must be 1..4, was " + arity);
        }
        if (maxKeys < 1 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys must be 1.." + MAX_KEYS + ", was " + maxKeys);
        }
        this.arity = arity;
        this.maxKeys = maxKeys;
        // Starts small and doubles up to the bound (at most half full): a quiet host keeps tiny tables.
        maxSlots = Integer.highestOneBit(Math.max(2, maxKeys) * 2 - 1) << 1;
        int capacity = Math.min(INITIAL_SLOTS, maxSlots);
        mask = capacity - 1;
        slots = new int[capacity];
        keys = new long[Math.min(maxKeys, capacity / 2) * arity];
    }

    /** The id of the key, or -1 when it is not there. Unused trailing components must be 0. */
    public int find(long a, long b, long c, long d) {
        int at = locate(hash(a, b, c, d), a, b, c, d);
        return at >= 0 ? at : -1;
    }

    /** The id of the key, adding it if new ({@link #added} says which); -1 when full. */
    public int add(long a, long b, long c, long d) {
        long h = hash(a, b, c, d);
        int at = locate(h, a, b, c, d);
        if (at >= 0) {
            added = false;
            return at;
        }
        int i = -at - 1;
        if (size == maxKeys) {
            added = false;
            return -1;
        }
        if ((size + 1) * 2 > slots.length && slots.length < maxSlots) {
            grow();
            return add(a, b, c, d);
        }
        int id = size++;
        slots[i] = tag(h) | (id + 1);
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

    /** Walks the probe chain from the key's home: its id when there, else -(the empty slot it would take) - 1. */
    private int locate(long h, long a, long b, long c, long d) {
        int tag = tag(h);
        int i = (int) h & mask;
        int[] slots = this.slots;
        long[] keys = this.keys;
        int slot;
        while ((slot = slots[i]) != 0) {
            if ((slot & ~ID_MASK) == tag) {
                // the key compare written in place: the native executable's compiler did not inline a call here
                int id = (slot & ID_MASK) - 1;
                int k = id * arity;
                if (keys[k] == a && (arity < 2 || keys[k + 1] == b) && (arity < 3 || keys[k + 2] == c)
                        && (arity < 4 || keys[k + 3] == d)) {
                    return id;
                }
            }
            i = (i + 1) & mask;
        }
        return -i - 1;
    }

    /** Doubles the slots (ids and keys stay; only their places are recomputed). */
    private void grow() {
        int capacity = slots.length * 2;
        slots = new int[capacity];
        mask = capacity - 1;
        keys = Arrays.copyOf(keys, Math.min(maxKeys, capacity / 2) * arity);
        for (int id = 0; id < size; id++) {
            long h = hashOf(id);
            int i = (int) h & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = tag(h) | (id + 1);
        }
    }

    private long hashOf(int id) {
        int k = id * arity;
        return hash(keys[k], arity > 1 ? keys[k + 1] : 0, arity > 2 ? keys[k + 2] : 0, arity > 3 ? keys[k + 3] : 0);
    }

    /** {@code values} long enough to be indexed by {@code id} (ids grow one by one). */
    public static long[] fit(long[] values, int id) {
        return id < values.length ? values : Arrays.copyOf(values, Math.max(id + 1, values.length * 2));
    }

    public static int[] fit(int[] values, int id) {
        return id < values.length ? values : Arrays.copyOf(values, Math.max(id + 1, values.length * 2));
    }

    public static boolean[] fit(boolean[] values, int id) {
        return id < values.length ? values : Arrays.copyOf(values, Math.max(id + 1, values.length * 2));
    }

    /** Whether the last {@link #add} made a new id. */
    public boolean added() {
        return added;
    }

    public long key(int id, int component) {
        return keys[id * arity + component];
    }

    public int size() {
        return size;
    }

    public void clear() {
        if (size * 16L < slots.length) {
            // Few keys: empty just their slots (found by walking from each key's home; zeros are skipped).
            for (int id = 0; id < size; id++) {
                int i = (int) hashOf(id) & mask;
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
