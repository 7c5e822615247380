package io.anomalyhunter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "5m,PT5M", "48h,PT48H", "7d,PT168H", "2w,PT336H", " 3s ,PT3S"})
    void parsesTheShortForm(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationText.parse(text).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7 days", "10", "1.5h", "-5s", "PT10S", "", "s", "10sec"})
    void rejectsAnythingElse(String text) {
        assertTrue(DurationText.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S,500ms", "PT10S,10s", "PT5M,5m", "PT48H,2d", "PT25H,25h", "PT0S,0s"})
    void formatsTheShortestExactForm(String iso, String text) {
        assertEquals(text, DurationText.format(Duration.parse(iso)));
    }
}
