package io.anomalyhunter.cli;

import io.anomalyhunter.config.DurationText;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;

/**
 * How long a replayed series learns before it is judged: a share of its rows ("15%"), a duration ("2h") or a
 * number of rows ("500").
 */
record LearningOption(double fraction, Duration period, long rows) {

    static final LearningOption NAB = new LearningOption(0.15, Duration.ZERO, 0);

    /** Rows to learn for in a series of {@code n} rows (0 when a duration decides). */
    long rowsOf(int n) {
        if (fraction > 0) {
            return (long) Math.floor(fraction * n);
        }
        return rows;
    }

    /** picocli converter with a message that names the option and the forms it takes. */
    static final class Converter implements CommandLine.ITypeConverter<LearningOption> {
        @Override
        public LearningOption convert(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.endsWith("%")) {
                    double pct = Double.parseDouble(t.substring(0, t.length() - 1));
                    if (pct > 0 && pct < 100) {
                        return new LearningOption(pct / 100, Duration.ZERO, 0);
                    }
                } else if (t.matches("\\d+")) {
                    return new LearningOption(0, Duration.ZERO, Long.parseLong(t));
                } else {
                    Optional<Duration> d = DurationText.parse(t);
                    if (d.isPresent() && !d.get().isNegative()) {
                        return new LearningOption(0, d.get(), 0);
                    }
                }
            } catch (NumberFormatException e) {
                // the message below says what is accepted
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not a learning period; give a share of the "
                    + "rows (15%), a duration (2h, 30m, 7d) or a number of rows (500)");
        }
    }
}
