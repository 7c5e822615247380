package io.anomalyhunter.detect.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Converts {@link BaselineState} to and from a compact versioned binary form. */
public final class BaselineStateMapper {
    private static final int MAGIC = 0x41484231; // "AHB1"
    /** Bounds that no real state reaches; a bigger count means the bytes are not a state. */
    private static final int MAX_SLOTS = 100_000;
    private static final int MAX_RECORDS = 1_000;
    private static final int MAX_CALIBRATORS = 64;

    public byte[] toBytes(BaselineState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(s.version());
            out.writeLong(s.firstSeenMillis());
            out.writeLong(s.lastSeenMillis());
            out.writeLong(s.samples());
            out.writeLong(s.learned());
            out.writeDouble(s.intervalSeconds());
            out.writeDouble(s.level().level());
            out.writeDouble(s.level().dev());
            out.writeDouble(s.level().error());
            BaselineState.Daily d = s.daily();
            out.writeDouble(d.offset());
            out.writeDouble(d.dev());
            out.writeDouble(d.error());
            out.writeInt(d.slotMeans().length);
            for (int i = 0; i < d.slotMeans().length; i++) {
                out.writeDouble(d.slotMeans()[i]);
                out.writeInt(d.slotDays()[i]);
            }
            out.writeLong(d.currentSlot());
            out.writeDouble(d.currentSum());
            out.writeInt(d.currentCount());
            writeView(out, s.levelView());
            writeView(out, s.dailyView());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a baseline state, come from another version, or
     *         are cut short; the message says which
     */
    public BaselineState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a baseline state (bad magic)");
            }
            int version = in.readInt();
            if (version != BaselineState.CURRENT_VERSION) {
                throw new UnsupportedVersionException(version);
            }
            long first = in.readLong();
            long last = in.readLong();
            long samples = in.readLong();
            long learned = in.readLong();
            double interval = in.readDouble();
            BaselineState.Level level = new BaselineState.Level(in.readDouble(), in.readDouble(), in.readDouble());
            double offset = in.readDouble();
            double dev = in.readDouble();
            double error = in.readDouble();
            int slots = count(in.readInt(), MAX_SLOTS, "slot");
            double[] means = new double[slots];
            int[] days = new int[slots];
            for (int i = 0; i < slots; i++) {
                means[i] = in.readDouble();
                days[i] = in.readInt();
            }
            BaselineState.Daily daily = new BaselineState.Daily(offset, dev, error, means, days, in.readLong(),
                    in.readDouble(), in.readInt());
            return new BaselineState(version, first, last, samples, learned, interval, level, daily, readView(in),
                    readView(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("baseline state is truncated: " + e.getMessage(), e);
        }
    }

    /** A state written by another detector version: it is learned again, not an error in the data. */
    public static final class UnsupportedVersionException extends IllegalArgumentException {
        private final int version;

        UnsupportedVersionException(int version) {
            super("baseline state version " + version + " is not supported (expected " + BaselineState.CURRENT_VERSION
                    + ")");
            this.version = version;
        }

        public int version() {
            return version;
        }
    }

    private static void writeView(DataOutputStream out, BaselineState.View v) throws IOException {
        out.writeDouble(v.runningMean());
        out.writeDouble(v.burstRate());
        out.writeInt(v.calibrators().size());
        for (BaselineState.Calibrator c : v.calibrators()) {
            out.writeInt(c.records().length);
            for (int i = 0; i < c.records().length; i++) {
                out.writeDouble(c.records()[i]);
                out.writeLong(c.recordedAt()[i]);
            }
            out.writeLong(c.seen());
            out.writeDouble(c.mean());
            out.writeDouble(c.rate());
            out.writeDouble(c.excess());
        }
    }

    private static BaselineState.View readView(DataInputStream in) throws IOException {
        double mean = in.readDouble();
        double burst = in.readDouble();
        int n = count(in.readInt(), MAX_CALIBRATORS, "calibrator");
        List<BaselineState.Calibrator> calibrators = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int size = count(in.readInt(), MAX_RECORDS, "record");
            double[] records = new double[size];
            long[] at = new long[size];
            for (int i = 0; i < size; i++) {
                records[i] = in.readDouble();
                at[i] = in.readLong();
            }
            calibrators.add(new BaselineState.Calibrator(records, at, in.readLong(), in.readDouble(), in.readDouble(),
                    in.readDouble()));
        }
        return new BaselineState.View(mean, burst, calibrators);
    }

    private static int count(int n, int max, String what) {
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("baseline state has an impossible " + what + " count " + n);
        }
        return n;
    }
}
