package io.anomalyhunter.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** NAB's combined_windows.json: "category/file.csv" -> its windows, [[start, end], ...]. */
public final class NabLabels {
    private static final DateTimeFormatter STAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private final Map<String, List<NabWindow>> windows;

    private NabLabels(Map<String, List<NabWindow>> windows) {
        this.windows = windows;
    }

    /**
     * @throws CsvSeriesReader.CsvException when the file is not a windows file (names the entry at fault)
     */
    public static NabLabels read(Path file) throws IOException, CsvSeriesReader.CsvException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new CsvSeriesReader.CsvException(file + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CsvSeriesReader.CsvException(file + ": expected an object of \"category/file.csv\": [[start, end], ...]");
        }
        Map<String, List<NabWindow>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<NabWindow> list = new ArrayList<>();
            if (!e.getValue().isArray()) {
                throw new CsvSeriesReader.CsvException(file + ": \"" + e.getKey() + "\": expected a list of [start, end]");
            }
            for (JsonNode w : e.getValue()) {
                if (!w.isArray() || w.size() != 2) {
                    throw new CsvSeriesReader.CsvException(file + ": \"" + e.getKey() + "\": window " + w + " is not [start, end]");
                }
                try {
                    list.add(new NabWindow(stamp(w.get(0).asText()), stamp(w.get(1).asText())));
                } catch (DateTimeParseException | IllegalArgumentException ex) {
                    throw new CsvSeriesReader.CsvException(file + ": \"" + e.getKey() + "\": window " + w + ": " + ex.getMessage());
                }
            }
            out.put(e.getKey(), List.copyOf(list));
        }
        return new NabLabels(out);
    }

    /** A NAB timestamp, with or without fractional seconds. */
    public static LocalDateTime stamp(String text) {
        return LocalDateTime.parse(text.strip(), STAMP);
    }

    public boolean contains(String name) {
        return windows.containsKey(name);
    }

    public List<NabWindow> windowsOf(String name) {
        List<NabWindow> w = windows.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no labels for " + name);
        }
        return w;
    }

    public int size() {
        return windows.size();
    }
}
