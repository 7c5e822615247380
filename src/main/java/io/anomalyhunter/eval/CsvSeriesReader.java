package io.anomalyhunter.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads series from a CSV file with a header: the first column holds time (named timestamp, time, ts or
 * date) and every other column is one series of numbers. NAB's {@code timestamp,value} is the common case.
 * Times are "yyyy-MM-dd HH:mm:ss[.ffffff]" (read as UTC), ISO-8601 with an offset, or epoch seconds
 * (milliseconds from 10^11 up). Rows are kept in file order: a repeated or backward timestamp is a
 * warning, as NAB's own files have them; anything unreadable is a {@link CsvException} naming file,
 * row and column.
 */
public final class CsvSeriesReader {
    /** More warnings than this per file only repeat themselves; the rest are counted. */
    static final int MAX_WARNINGS = 10;
    private static final Set<String> TIME_COLUMNS = Set.of("timestamp", "time", "ts", "date", "datetime");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    /** A problem in a CSV file, its message naming the file, row and column. */
    public static final class CsvException extends Exception {
        public CsvException(String message) {
            super(message);
        }
    }

    /** Every value column of the file as a series. */
    public List<CsvSeries> read(Path file) throws CsvException, IOException {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new CsvException(name + ": row 1: empty; expected a header naming the columns, e.g. timestamp,value");
            }
            String[] columns = split(stripBom(header));
            if (!TIME_COLUMNS.contains(columns[0].strip().toLowerCase(Locale.ROOT))) {
                throw new CsvException(name + ": row 1, column 1: '" + columns[0].strip() + "' is not a time column; "
                        + "expected a header such as timestamp,value (first column named timestamp, time, ts or date)");
            }
            if (columns.length < 2) {
                throw new CsvException(name + ": row 1: only the column '" + columns[0] + "'; a value column is missing");
            }
            int series = columns.length - 1;
            List<String> stamps = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            int oddTimes = 0;
            Instant last = null;
            String line;
            int row = 1;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = split(line);
                if (f.length != columns.length) {
                    throw new CsvException(name + ": row " + row + ": " + f.length + " fields, the header has "
                            + columns.length);
                }
                Instant t = parseTime(f[0].strip(), name, row, columns[0].strip());
                if (last != null && !t.isAfter(last)) {
                    if (++oddTimes <= MAX_WARNINGS) {
                        warnings.add(name + ": row " + row + ", column '" + columns[0].strip() + "': timestamp "
                                + f[0].strip() + (t.equals(last) ? " repeats the previous row's" : " is before the previous row's")
                                + "; rows are read in file order");
                    }
                }
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
                double[] v = new double[series];
                for (int c = 0; c < series; c++) {
                    v[c] = parseValue(f[c + 1].strip(), name, row, columns[c + 1].strip());
                }
                stamps.add(f[0].strip());
                times.add(t);
                values.add(v);
            }
            if (oddTimes > MAX_WARNINGS) {
                warnings.add(name + ": " + (oddTimes - MAX_WARNINGS) + " more rows whose timestamp does not increase");
            }
            if (times.isEmpty()) {
                throw new CsvException(name + ": no data rows after the header");
            }
            List<CsvSeries> out = new ArrayList<>();
            Instant[] ts = times.toArray(new Instant[0]);
            for (int c = 0; c < series; c++) {
                double[] col = new double[values.size()];
                for (int i = 0; i < col.length; i++) {
                    col[i] = values.get(i)[c];
                }
                out.add(new CsvSeries(name, columns[c + 1].strip(), stamps, ts, col, warnings));
            }
            return out;
        }
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static Instant parseTime(String text, String file, int row, String column) throws CsvException {
        try {
            if (text.matches("-?\\d+(\\.\\d*)?")) {
                double n = Double.parseDouble(text);
                long millis = Math.abs(n) >= 1e11 ? (long) n : Math.round(n * 1000);
                return Instant.ofEpochMilli(millis);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
            }
            return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CsvException(file + ": row " + row + ", column '" + column + "': '" + text
                    + "' is not a time (expected yyyy-MM-dd HH:mm:ss, ISO-8601 or epoch seconds)");
        }
    }

    private static double parseValue(String text, String file, int row, String column) throws CsvException {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the one message below
        }
        throw new CsvException(file + ": row " + row + ", column '" + column + "': '" + text + "' is not a finite number");
    }
}
