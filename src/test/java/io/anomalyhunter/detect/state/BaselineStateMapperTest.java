package io.anomalyhunter.detect.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaselineStateMapperTest {
    private final BaselineStateMapper mapper = new BaselineStateMapper();

    private static BaselineState sample() {
        double[] mean = new double[192];
        double[] dev = new double[192];
        long[] count = new long[192];
        for (int i = 0; i < 192; i++) {
            mean[i] = i * 1.5;
            dev[i] = i / 7.0;
            count[i] = i * 3L;
        }
        return new BaselineState(1, 1_000, 2_000, 42, 3.5, 0.25, 0.3, mean, dev, count);
    }

    @Test
    void roundTripKeepsEveryValue() {
        BaselineState s = sample();
        BaselineState back = mapper.fromBytes(mapper.toBytes(s));
        assertEquals(s.firstSeenMillis(), back.firstSeenMillis());
        assertEquals(s.lastSeenMillis(), back.lastSeenMillis());
        assertEquals(s.samples(), back.samples());
        assertEquals(s.globalMean(), back.globalMean());
        assertEquals(s.globalDev(), back.globalDev());
        assertEquals(s.recentDev(), back.recentDev());
        assertArrayEquals(s.slotMean(), back.slotMean());
        assertArrayEquals(s.slotDev(), back.slotDev());
        assertArrayEquals(s.slotCount(), back.slotCount());
    }

    @Test
    void refusesTruncatedOrForeignBytes() {
        byte[] bytes = mapper.toBytes(sample());
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(cut.getMessage().contains("truncated"));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes("not a state".getBytes()));
        assertTrue(foreign.getMessage().contains("magic"));
    }

    @Test
    void refusesANewerVersion() {
        byte[] bytes = mapper.toBytes(sample());
        bytes[7] = 9; // version int follows the 4-byte magic
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(bytes));
        assertTrue(e.getMessage().contains("version 9"));
    }
}
