package io.anomalyhunter.detect.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Converts {@link BaselineState} to and from a compact versioned binary form. */
public final class BaselineStateMapper {
    private static final int MAGIC = 0x41484231; // "AHB1"

    public byte[] toBytes(BaselineState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + s.slotMean().length * 24);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(s.version());
            out.writeLong(s.firstSeenMillis());
            out.writeLong(s.lastSeenMillis());
            out.writeLong(s.samples());
            out.writeDouble(s.globalMean());
            out.writeDouble(s.globalDev());
            out.writeDouble(s.recentDev());
            out.writeInt(s.slotMean().length);
            for (int i = 0; i < s.slotMean().length; i++) {
                out.writeDouble(s.slotMean()[i]);
                out.writeDouble(s.slotDev()[i]);
                out.writeLong(s.slotCount()[i]);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a baseline state or come from a newer version
     */
    public BaselineState fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a baseline state (bad magic)");
            }
            int version = in.readInt();
            if (version != BaselineState.CURRENT_VERSION) {
                throw new IllegalArgumentException("baseline state version " + version + " is not supported (expected "
                        + BaselineState.CURRENT_VERSION + ")");
            }
            long first = in.readLong();
            long last = in.readLong();
            long samples = in.readLong();
            double gm = in.readDouble();
            double gd = in.readDouble();
            double rd = in.readDouble();
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new IllegalArgumentException("baseline state has an impossible slot count " + n);
            }
            double[] mean = new double[n];
            double[] dev = new double[n];
            long[] count = new long[n];
            for (int i = 0; i < n; i++) {
                mean[i] = in.readDouble();
                dev[i] = in.readDouble();
                count[i] = in.readLong();
            }
            return new BaselineState(version, first, last, samples, gm, gd, rd, mean, dev, count);
        } catch (IOException e) {
            throw new IllegalArgumentException("baseline state is truncated: " + e.getMessage(), e);
        }
    }
}
