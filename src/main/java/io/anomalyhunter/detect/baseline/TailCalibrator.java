package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;
import java.util.Arrays;

/**
 * Turns a stream of non-negative deviations into surprise, -log10 P(D >= d), learned from the stream itself
 * so that it is unit-free and honest about heavy tails: a series that often jumps by 100 is not surprised
 * by a jump of 100. Two estimates, and the smaller surprise wins:
 * <ul>
 *   <li>a core: deviations beyond twice their running mean are counted (rate) and their excess is taken as
 *       exponential (peaks over a threshold);</li>
 *   <li>the {@link #CAPACITY} largest deviations of the last {@code horizon} samples: below the smallest of them
 *       the chance is at least their number over the horizon, among them it is their rank, and past the
 *       largest it falls exponentially with their spread.</li>
 * </ul>
 * Work per call is constant. Not thread-safe.
 */
public final class TailCalibrator {
    /** How many of the largest recent deviations are kept. */
    public static final int CAPACITY = 16;
    /**
     * Until it holds this many, the records are every deviation seen so far, which is the whole empirical
     * distribution; below it there is no spread to extrapolate with.
     */
    static final int MIN_RECORDS = 2;
    private static final double LN10 = Math.log(10);
    /** Deviations beyond this multiple of the running mean count as exceedances. */
    private static final double CORE_MULTIPLE = 2;
    private static final double MEAN_ALPHA = 0.01;
    /** One outlier moves the running mean by at most this multiple of it. */
    private static final double MEAN_CLIP = 4;
    private static final double RATE_ALPHA = 0.005;
    private static final double EXCESS_ALPHA = 0.05;
    private static final double EXCESS_CLIP = 5;
    private static final double INITIAL_RATE = 0.05;
    /** The rate is never taken below this: a handful of samples cannot prove a one-in-ten-thousand event. */
    private static final double MIN_RATE = 1e-4;

    private final long horizon;
    private final boolean declustered;
    /** The record the previous sample entered, while samples keep exceeding the core: one cluster, one record. */
    private int runRecord = -1;
    private final double[] records = new double[CAPACITY];
    private final long[] recordedAt = new long[CAPACITY];
    private int size;
    private long seen;
    private int minIndex;
    private double mean = -1;
    private double rate = INITIAL_RATE;
    private double excess = -1;

    /** @param horizon samples a record is kept for; also the largest sample count a probability is taken over */
    public TailCalibrator(long horizon) {
        this(horizon, false);
    }

    /**
     * {@code declustered}: a run of deviations beyond the core threshold is one record, its largest, as in
     * peaks-over-threshold declustering. For a smoothed input (a running mean) whose one excursion would otherwise
     * fill the records with its own decay and stretch the spread the tail is extrapolated with.
     */
    public TailCalibrator(long horizon, boolean declustered) {
        this.declustered = declustered;
        if (horizon < CAPACITY) {
            throw new IllegalArgumentException("horizon must be at least " + CAPACITY + " samples, was " + horizon);
        }
        this.horizon = horizon;
    }

    /** Learns one deviation. */
    public void learn(double d) {
        seen++;
        if (mean < 0) {
            mean = d;
            excess = Math.max(d, 1e-12);
        }
        double t = CORE_MULTIPLE * Math.max(mean, 1e-12);
        boolean exceeds = d > t;
        rate += RATE_ALPHA * ((exceeds ? 1 : 0) - rate);
        if (exceeds) {
            excess += EXCESS_ALPHA * (Math.min(d - t, EXCESS_CLIP * Math.max(excess, 1e-12)) - excess);
        }
        mean += MEAN_ALPHA * (Math.min(d, MEAN_CLIP * Math.max(mean, 1e-12)) - mean);
        if ((seen & (CAPACITY - 1)) == 0) {
            dropAged();
        }
        if (declustered && exceeds && runRecord >= 0) {
            if (d > records[runRecord]) {
                records[runRecord] = d;
                recordedAt[runRecord] = seen;
                findMin();
            }
            return;
        }
        runRecord = -1;
        if (size < CAPACITY) {
            records[size] = d;
            recordedAt[size] = seen;
            runRecord = exceeds ? size : -1;
            size++;
            findMin();
        } else if (d > records[minIndex]) {
            records[minIndex] = d;
            recordedAt[minIndex] = seen;
            runRecord = exceeds ? minIndex : -1;
            findMin();
        }
    }

    /**
     * Surprise of a deviation, in decades of improbability (0 = nothing unusual). {@code floor} is the smallest
     * spread that counts (in the deviation's unit): a series that never moved is not infinitely surprised by
     * its first wiggle.
     */
    public double surprise(double d, double floor) {
        double core = core(d, floor);
        if (size < MIN_RECORDS) {
            return core;
        }
        double n = samples();
        double min = records[minIndex];
        if (d < min) {
            return Math.min(core, -Math.log10((size + 0.5) / n));
        }
        int above = 0;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double r = records[i];
            above += r > d ? 1 : 0;
            max = Math.max(max, r);
            sum += r;
        }
        double tail = above > 0 ? -Math.log10((above + 0.5) / n)
                : -Math.log10(0.5 / n) + (d - max) / Math.max(sum / size - min, floor) / LN10;
        return Math.min(core, tail);
    }

    /** The smallest deviation whose surprise reaches {@code s}: the edge of the expected band. */
    public double deviationAt(double s, double floor) {
        double m = Math.max(mean, floor);
        double t = CORE_MULTIPLE * m;
        double coreEdge = t + Math.max(0, s * LN10 + Math.log(Math.max(rate, MIN_RATE))) * Math.max(excess, floor);
        if (size < MIN_RECORDS) {
            return coreEdge;
        }
        double n = samples();
        double max = 0;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, records[i]);
            sum += records[i];
        }
        double atMax = -Math.log10(0.5 / n);
        double tailEdge;
        if (s > atMax) {
            tailEdge = max + (s - atMax) * LN10 * Math.max(sum / size - records[minIndex], floor);
        } else {
            // among the records: the one with rank k where (k + 0.5) / n <= 10^-s
            int k = (int) Math.floor(n * Math.pow(10, -s) - 0.5);
            tailEdge = k >= size ? 0 : kthLargest(Math.max(k, 0));
        }
        return Math.max(coreEdge, tailEdge);
    }

    /** Samples the probabilities are taken over: those seen, at most the horizon. */
    double samples() {
        return Math.max(1, Math.min(seen, horizon));
    }

    private double core(double d, double floor) {
        double t = CORE_MULTIPLE * Math.max(mean, floor);
        if (d <= t) {
            return 0;
        }
        return (-Math.log(Math.max(rate, MIN_RATE)) + (d - t) / Math.max(excess, floor)) / LN10;
    }

    private double kthLargest(int k) {
        double[] sorted = Arrays.copyOf(records, size);
        Arrays.sort(sorted);
        return sorted[size - 1 - Math.min(k, size - 1)];
    }

    private void dropAged() {
        long runAt = runRecord >= 0 ? recordedAt[runRecord] : -1;
        runRecord = -1;
        for (int i = 0; i < size; i++) {
            if (seen - recordedAt[i] > horizon) {
                records[i] = records[size - 1];
                recordedAt[i] = recordedAt[size - 1];
                size--;
                i--;
            }
        }
        for (int i = 0; i < size; i++) {
            if (recordedAt[i] == runAt) {
                runRecord = i; // records moved; the run goes on in the same one
            }
        }
        findMin();
    }

    private void findMin() {
        minIndex = 0;
        for (int i = 1; i < size; i++) {
            if (records[i] < records[minIndex]) {
                minIndex = i;
            }
        }
    }

    /** Everything learned, for persistence (arrays are copies). */
    public BaselineState.Calibrator state() {
        return new BaselineState.Calibrator(Arrays.copyOf(records, size), Arrays.copyOf(recordedAt, size), seen, mean, rate,
                excess);
    }

    /** Continues from a persisted state. */
    public void restore(BaselineState.Calibrator s) {
        if (s.records().length > CAPACITY) {
            throw new IllegalArgumentException("calibrator state has " + s.records().length + " records, at most "
                    + CAPACITY);
        }
        size = s.records().length;
        System.arraycopy(s.records(), 0, records, 0, size);
        System.arraycopy(s.recordedAt(), 0, recordedAt, 0, size);
        seen = s.seen();
        mean = s.mean();
        rate = s.rate();
        excess = s.excess();
        findMin();
    }
}
