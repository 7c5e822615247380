package io.anomalyhunter.classifier;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One connection record from named values (an API request's {@code features} object): every one of the 41
 * features by name, numbers as numbers (or numeric text), the nominal three as their words. A missing,
 * unknown or non-finite value is refused with its name; a name that is not a feature is refused too, since it
 * is most often a misspelt one whose real value would then be missing.
 */
public final class KddRecord {
    private KddRecord() {
    }

    public static float[] of(Map<String, ?> values, String where) {
        Set<String> unknown = new LinkedHashSet<>(values.keySet());
        KddSchema.FEATURES.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new KddFormatException(where + ": not features: " + String.join(", ", unknown));
        }
        String[] fields = new String[KddSchema.FEATURES.size()];
        for (int f = 0; f < fields.length; f++) {
            String name = KddSchema.FEATURES.get(f);
            Object v = values.get(name);
            if (v == null) {
                throw new KddFormatException(where + "." + name + ": missing (all 41 features are needed)");
            }
            if (!(v instanceof Number) && !(v instanceof CharSequence)) {
                throw new KddFormatException(where + "." + name + ": must be a number or a word, not " + v.getClass().getSimpleName());
            }
            fields[f] = v.toString();
        }
        return KddReader.features(fields, where);
    }
}
