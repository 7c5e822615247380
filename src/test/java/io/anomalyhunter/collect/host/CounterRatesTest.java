package io.anomalyhunter.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CounterRatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}: {1} -> {2} = {3}")
    @CsvSource({
        "steady,             1000,       3000,       2000",
        "unchanged,          5,          5,          0",
        "32-bit wrap,        4294967000, 200,        496",
        "reset from low,     1000,       300,        300",
        "64-bit reset,       9000000000, 100,        100",
    })
    void increaseHandlesWrapAndReset(String name, long previous, long current, long expected) {
        assertEquals(expected, CounterRates.increase(previous, current));
    }

    @Test
    void firstReadingGivesNoRateThenPerSecond() {
        CounterRates r = new CounterRates();
        assertTrue(r.rate("c", 100, T0).isEmpty());
        assertEquals(50.0, r.rate("c", 600, T0.plusSeconds(10)).getAsDouble(), 1e-9);
        assertTrue(r.rate("c", 700, T0.plusSeconds(10)).isEmpty(), "no rate over zero seconds");
    }
}
