package io.anomalyhunter.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in the config: a whole number and a unit, B, KB, MB or GB (powers of 1024), e.g. 64MB. */
public final class ByteSizeText {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)");

    private ByteSizeText() {
    }

    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
        return n > (Long.MAX_VALUE >> shift) ? Optional.empty() : Optional.of(n << shift);
    }

    /** The shortest exact text for a size: 64MB, 1536KB, 10B. */
    public static String format(long bytes) {
        String[] units = {"B", "KB", "MB", "GB"};
        int u = 0;
        while (u < 3 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
