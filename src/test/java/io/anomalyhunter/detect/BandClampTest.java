package io.anomalyhunter.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.detect.baseline.BaselineSettings;
import io.anomalyhunter.detect.baseline.FalseAlarmBudget;
import io.anomalyhunter.detect.baseline.ValueRange;
import io.anomalyhunter.series.MetricUnit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** No expected band leaves what the unit can physically be: never below 0, never above 100 for a percentage. */
class BandClampTest {
    @ParameterizedTest
    @EnumSource(MetricUnit.class)
    void bandsStayWithinWhatTheUnitAllows(MetricUnit unit) {
        BaselineDetector d = new BaselineDetector(new BaselineSettings(Duration.ofSeconds(60), 0, Duration.ofSeconds(1),
                FalseAlarmBudget.fixed(0.3), ValueRange.of(unit), unit.minScale(), ZoneOffset.UTC));
        Random r = new Random(unit.ordinal());
        Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
        double scale = unit.minScale() * 10;
        for (int i = 0; i < 600; i++) {
            // Noisy values right at the floor of the range, and for percentages bursts right at the ceiling.
            double v = Math.abs(r.nextGaussian()) * scale;
            if (unit == MetricUnit.PERCENT && (i / 50) % 2 == 1) {
                v = 100 - Math.abs(r.nextGaussian()) * 5;
            }
            Verdict verdict = d.process(t0.plusSeconds(i), v);
            double[] band = d.expectedBand(t0.plusSeconds(i + 1));
            for (double edge : new double[] {verdict.expectedLow(), verdict.expectedHigh(), band[0], band[1]}) {
                if (Double.isNaN(edge)) {
                    continue;
                }
                assertTrue(edge >= 0, unit + ": band edge " + edge + " below 0 at sample " + i);
                assertTrue(unit != MetricUnit.PERCENT || edge <= 100, unit + ": band edge " + edge + " above 100 at " + i);
            }
        }
    }
}
