package io.anomalyhunter.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesKeyTest {
    @Test
    void textIsCanonicalWithSortedLabels() {
        SeriesKey k = new SeriesKey("m", Map.of("b", "2", "a", "1"));
        assertEquals("m{a=\"1\",b=\"2\"}", k.text());
        assertEquals(k, SeriesKey.of("m", "a", "1", "b", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m", "m{a=\"1\"}", "host_fs{mount=\"/var/lib\",x=\"y z\"}", "m{q=\"a\\\"b\"}"})
    void parseReadsWhatTextWrites(String text) {
        SeriesKey k = SeriesKey.parse(text);
        assertEquals(k, SeriesKey.parse(k.text()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9m", "m{a=1}", "m{a=\"1\"", "m-x", "m{a-b=\"1\"}"})
    void parseRefusesMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse(text));
    }
}
