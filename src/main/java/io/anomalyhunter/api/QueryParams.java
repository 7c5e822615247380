package io.anomalyhunter.api;

import io.anomalyhunter.config.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses query parameters, naming the parameter and value in every error. */
final class QueryParams {
    private QueryParams() {
    }

    /**
     * A point in time: an ISO-8601 instant (2026-11-23T08:00:00Z), epoch milliseconds, or a duration
     * meaning that long before {@code now} (1h, 30m).
     */
    /** The time range and page of a listing: since/until (null when open, until not before since), limit, offset. */
    record Listing(Instant since, Instant until, int limit, int offset) {
    }

    static Listing listing(String since, String until, String limit, String offset, Instant now) {
        int lim = integer("limit", limit, 100, 1, 1000);
        int off = integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        Instant from = time("since", since, now, null);
        Instant to = time("until", until, now, null);
        if (from != null && to != null && to.isBefore(from)) {
            throw new BadDataException("until: '" + until + "' is before since: '" + since + "'");
        }
        return new Listing(from, to, lim, off);
    }

    static Instant time(String name, String value, Instant now, Instant dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        Instant t = parseTime(name, value, now);
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new BadDataException(name + ": '" + shorten(value) + "' is out of range (1970-01-01T00:00:00Z to "
                    + LATEST + ")");
        }
        return t;
    }

    /** Times the store can hold as epoch milliseconds and the UI can show; anything else is a client's mistake. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant parseTime(String name, String value, Instant now) {
        try {
            var d = DurationText.parse(value);
            if (d.isPresent()) {
                return now.minus(d.get());
            }
            if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadDataException(name + ": '" + shorten(value) + "' is not a time (use an ISO-8601 instant such as "
                    + "2026-11-23T08:00:00Z, epoch milliseconds, or a duration back from now such as 1h)");
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MIN;
        }
    }

    /** A client's value as quoted back in a message: bounded, one line. */
    static String shorten(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }

    static Duration duration(String name, String value, Duration dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        return DurationText.parse(value).filter(d -> !d.isZero()).orElseThrow(() -> new BadDataException(name + ": '"
                + value + "' is not a positive duration (e.g. 10s, 1m, 1h)"));
    }

    /** A path id; {@code what} names the thing for the message ("an incident id"). */
    static long id(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadDataException("id: '" + value + "' is not " + what + " (a whole number)");
        }
    }

    static int integer(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadDataException(name + ": '" + value + "' must be a whole number from " + min + " to " + max);
    }

    static double number(String name, String value, double dflt, double min, double max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            double v = Double.parseDouble(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadDataException(name + ": '" + value + "' must be a number from " + min + " to " + max);
    }
}
