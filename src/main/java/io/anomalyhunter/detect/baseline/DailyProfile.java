package io.anomalyhunter.detect.baseline;

import io.anomalyhunter.detect.state.BaselineState;

/**
 * Expects the series to do what it did at this time of day on earlier days: the day is cut into
 * {@link #SLOTS} five-minute slots, and each slot keeps a weighted mean, over days, of that day's mean in the
 * slot. A day's values are folded in when their slot ends, so a prediction never contains the value it
 * predicts, however fast the series is sampled. Whether the profile is used at all is decided by the
 * detector from how well it predicts (seasonality is detected, not assumed). Not thread-safe.
 */
final class DailyProfile {
    static final int SLOTS = 288;
    static final long SLOT_MILLIS = 86_400_000L / SLOTS;
    /** Later days weigh at least this much, so the profile follows a slowly changing day. */
    static final double MIN_DAY_WEIGHT = 0.1;

    private final long offsetMillis;
    private final double[] slotMeans = new double[SLOTS];
    private final int[] slotDays = new int[SLOTS];
    private final Spread spread = new Spread();
    private double offset;
    private long currentSlot = Long.MIN_VALUE;
    private double currentSum;
    private int currentCount;

    /** @param zoneOffsetMillis where the local day begins, relative to UTC */
    DailyProfile(long zoneOffsetMillis) {
        this.offsetMillis = zoneOffsetMillis;
    }

    void start(double median, double dev) {
        offset = median;
        spread.start(dev);
    }

    /** The slot a time falls in, counted from the epoch (so days are told apart). */
    long slotAt(long epochMillis) {
        return Math.floorDiv(epochMillis + offsetMillis, SLOT_MILLIS);
    }

    /** True when an earlier day has been folded into this slot. */
    boolean knows(long slot) {
        return slotDays[index(slot)] > 0;
    }

    /** What this slot did on earlier days (only when {@link #knows}). */
    double expected(long slot) {
        return offset + slotMeans[index(slot)];
    }

    /** The level every slot is relative to (moves when a change is adopted). */
    double offset() {
        return offset;
    }

    double scale(double floor) {
        return spread.scale(floor);
    }

    double error() {
        return spread.error();
    }

    /** Learns a value at a slot; the value is clipped to a few spreads of what the slot expected (see {@link Spread}). */
    void learn(long slot, double x, double floor) {
        if (slot != currentSlot) {
            fold();
            currentSlot = slot;
        }
        double v = knows(slot) ? expected(slot) + spread.learn(x - expected(slot), floor) : x;
        currentSum += v - offset;
        currentCount++;
    }

    /** A lasting change was confirmed: every slot moves by {@code delta}. */
    void shift(double delta) {
        offset += delta;
    }

    private void fold() {
        if (currentCount == 0) {
            return;
        }
        int i = index(currentSlot);
        double mean = currentSum / currentCount;
        double w = Math.max(1.0 / (slotDays[i] + 1), MIN_DAY_WEIGHT);
        slotMeans[i] = slotDays[i] == 0 ? mean : slotMeans[i] + w * (mean - slotMeans[i]);
        slotDays[i]++;
        currentSum = 0;
        currentCount = 0;
    }

    private static int index(long slot) {
        return (int) Math.floorMod(slot, (long) SLOTS);
    }

    BaselineState.Daily state() {
        return new BaselineState.Daily(offset, spread.dev(), spread.error(), slotMeans.clone(), slotDays.clone(), currentSlot,
                currentSum, currentCount);
    }

    void restore(BaselineState.Daily s) {
        if (s.slotMeans().length != SLOTS) {
            throw new IllegalArgumentException("daily profile state has " + s.slotMeans().length + " slots, expected "
                    + SLOTS);
        }
        offset = s.offset();
        spread.restore(s.dev(), s.error());
        System.arraycopy(s.slotMeans(), 0, slotMeans, 0, SLOTS);
        System.arraycopy(s.slotDays(), 0, slotDays, 0, SLOTS);
        currentSlot = s.currentSlot();
        currentSum = s.currentSum();
        currentCount = s.currentCount();
    }
}
