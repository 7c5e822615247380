package io.anomalyhunter.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NSL-KDD files: no header, 41 features, the attack name, and (in the published files) the difficulty,
 * which is not a feature and is dropped. A row that does not fit fails the whole read with the file, the line
 * and the column named: a model trained on silently skipped rows is not the model the operator asked for.
 */
public final class KddReader {
    private KddReader() {
    }

    public static KddData read(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<String> attacks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 42 && f.length != 43) {
                    throw new KddFormatException(file + ":" + n + ": expected 42 or 43 comma-separated fields "
                            + "(41 features, the label, perhaps the difficulty), got " + f.length);
                }
                rows.add(features(f, file + ":" + n));
                String attack = f[41].strip();
                int at = n;
                TrafficClass c = TrafficClass.ofAttack(attack).orElseThrow(() -> new KddFormatException(file + ":" + at
                        + ": column 42 (label): unknown attack name '" + attack + "'"));
                classes.add(c.ordinal());
                attacks.add(attack);
            }
        }
        return new KddData(rows.toArray(float[][]::new), classes.stream().mapToInt(Integer::intValue).toArray(), attacks);
    }

    private static String abbreviate(List<String> values) {
        return values.size() <= 12 ? String.join(", ", values) : String.join(", ", values.subList(0, 12)) + ", ... "
                + (values.size() - 12) + " more";
    }

    /** The 41 features of a split row as the model's vector; {@code place} ("file:line") names it in errors. */
    public static float[] features(String[] f, String place) {
        float[] v = new float[KddSchema.FEATURES.size()];
        for (int i = 0; i < v.length; i++) {
            String s = f[i].strip();
            if (KddSchema.isNominal(i)) {
                v[i] = KddSchema.code(i, s);
                if (v[i] < 0) {
                    throw new KddFormatException(place + ": column " + (i + 1) + " (" + KddSchema.FEATURES.get(i)
                            + "): unknown value '" + s + "' (one of " + abbreviate(KddSchema.VOCABULARIES.get(i)) + ")");
                }
                continue;
            }
            try {
                v[i] = Float.parseFloat(s);
            } catch (NumberFormatException e) {
                throw new KddFormatException(place + ": column " + (i + 1) + " (" + KddSchema.FEATURES.get(i)
                        + "): not a number: '" + s + "'");
            }
            if (!Float.isFinite(v[i])) {
                throw new KddFormatException(place + ": column " + (i + 1) + " (" + KddSchema.FEATURES.get(i)
                        + "): not a finite number: '" + s + "'");
            }
        }
        return v;
    }
}
