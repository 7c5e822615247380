package io.anomalyhunter.detect.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.SeriesModel;
import io.anomalyhunter.detect.baseline.ValueRange;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineStateMapperTest {
    private final BaselineStateMapper mapper = new BaselineStateMapper();

    /** The state of a model that has seen two days of a noisy daily pattern at one sample a minute. */
    private static BaselineState learnedState() {
        SeriesModel m = new SeriesModel(new BaselineSettings(Duration.ofHours(6), 0, Duration.ofMinutes(1),
                FalseAlarmBudget.fixed(0.3), ValueRange.ANY, 0, ZoneOffset.UTC));
        Random r = new Random(1);
        long t0 = 1_767_571_200_000L;
        for (int i = 0; i < 2880; i++) {
            m.process(t0 + i * 60_000L, 50 + 20 * Math.sin(i * 2 * Math.PI / 1440) + r.nextGaussian());
        }
        return m.state();
    }

    @Test
    void roundTripKeepsEveryValue() {
        BaselineState s = learnedState();
        BaselineState back = mapper.fromBytes(mapper.toBytes(s));
        assertEquals(s.firstSeenMillis(), back.firstSeenMillis());
        assertEquals(s.lastSeenMillis(), back.lastSeenMillis());
        assertEquals(s.samples(), back.samples());
        assertEquals(s.learned(), back.learned());
        assertEquals(s.intervalSeconds(), back.intervalSeconds());
        assertEquals(s.level(), back.level());
        assertArrayEquals(s.daily().slotMeans(), back.daily().slotMeans());
        assertArrayEquals(s.daily().slotDays(), back.daily().slotDays());
        assertEquals(s.daily().currentSlot(), back.daily().currentSlot());
        assertEquals(s.levelView().calibrators().size(), back.levelView().calibrators().size());
        for (int i = 0; i < s.levelView().calibrators().size(); i++) {
            BaselineState.Calibrator a = s.levelView().calibrators().get(i);
            BaselineState.Calibrator b = back.levelView().calibrators().get(i);
            assertArrayEquals(a.records(), b.records());
            assertArrayEquals(a.recordedAt(), b.recordedAt());
            assertEquals(a.mean(), b.mean());
        }
        assertArrayEquals(mapper.toBytes(s), mapper.toBytes(back));
    }

    @Test
    void refusesTruncatedOrForeignBytes() {
        byte[] bytes = mapper.toBytes(learnedState());
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)));
        assertTrue(cut.getMessage().contains("truncated"));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> mapper.fromBytes("not a state".getBytes()));
        assertTrue(foreign.getMessage().contains("magic"));
    }

    @Test
    void aStateFromAnotherVersionIsRecognisedAsSuch() {
        byte[] v1 = ByteBuffer.allocate(64).putInt(0x41484231).putInt(1).array(); // the slot baseline's header
        BaselineStateMapper.UnsupportedVersionException e = assertThrows(BaselineStateMapper.UnsupportedVersionException.class,
                () -> mapper.fromBytes(v1));
        assertEquals(1, e.version());
        byte[] bytes = mapper.toBytes(learnedState());
        bytes[7] = 9; // version int follows the 4-byte magic
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mapper.fromBytes(bytes)).getMessage()
                .contains("version 9"));
    }
}
