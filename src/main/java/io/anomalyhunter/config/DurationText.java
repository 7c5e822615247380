package io.anomalyhunter.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the short duration form used in config and query parameters: 500ms, 10s, 5m, 48h, 7d, 2w. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");

    private DurationText() {
    }

    /** The duration, or empty when the text is not in the short form (so callers can name the key). */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new IllegalStateException(m.group(2));
        });
    }

    /** The shortest exact short form, e.g. PT48H gives "2d". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
