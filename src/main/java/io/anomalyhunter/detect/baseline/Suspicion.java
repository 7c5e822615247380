package io.anomalyhunter.detect.baseline;

/**
 * Samples unusual enough to be the start of an anomaly but not enough to open one, held back from learning
 * until the series shows what they were. Learned at once, the first seconds of a CPU burn widened the very
 * tail that was judging the burn, and the next samples, each more unusual than the last would have been,
 * were judged against them and learned in turn. A suspicion ends in one of three ways: an anomaly opens
 * (the samples belong to it), a calm sample comes (they are learned, late, in order), or it lasts
 * {@link #CAPACITY} samples without opening one (they are learned, and so is what follows until a calm sample:
 * a deviation too small to flag must not stop the baseline from learning). Not thread-safe.
 */
final class Suspicion {
    /** The most samples one suspicion holds. */
    static final int CAPACITY = 10;

    private final long[] slots = new long[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private int size;
    private boolean spent;

    /** True when a suspicious sample may be held: there is room and this run of them has not run out. */
    boolean admits() {
        return !spent && size < CAPACITY;
    }

    void add(long slot, double value) {
        slots[size] = slot;
        values[size] = value;
        size++;
    }

    int size() {
        return size;
    }

    long slot(int i) {
        return slots[i];
    }

    double value(int i) {
        return values[i];
    }

    /**
     * The held samples were dealt with. {@code exhausted} when the run of unusual samples goes on past the room:
     * nothing more is held until a calm sample comes.
     */
    void clear(boolean exhausted) {
        size = 0;
        spent = exhausted;
    }
}
