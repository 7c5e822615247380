package io.anomalyhunter.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesKeyTest {
    /** Equality is written out (the native executable interprets a record's generated one): same labels, same key. */
    @Test
    void keysWithTheSameMetricAndLabelsAreEqualHowEverMade() {
        SeriesKey made = SeriesKey.of("m", "b", "2", "a", "1");
        SeriesKey parsed = SeriesKey.parse("m{a=\"1\",b=\"2\"}");
        assertEquals(made, parsed);
        assertEquals(made.hashCode(), parsed.hashCode());
        assertNotEquals(made, SeriesKey.of("m", "a", "1", "b", "3"));
        assertNotEquals(made, SeriesKey.of("n", "a", "1", "b", "2"));
        assertNotEquals(made, SeriesKey.of("m", "a", "1"));
        assertNotEquals(made, (Object) "m{a=\"1\",b=\"2\"}");
    }

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
