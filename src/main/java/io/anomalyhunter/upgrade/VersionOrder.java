package io.anomalyhunter.upgrade;

import java.util.Comparator;

/** Orders versions like 0.9.2 < 0.10.0 < 1.0.0 (numeric parts; a non-numeric suffix sorts before none). */
public final class VersionOrder implements Comparator<String> {
    public static final VersionOrder INSTANCE = new VersionOrder();

    @Override
    public int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : null;
            String q = i < y.length ? y[i] : null;
            if (p == null || q == null) {
                // 1.0 < 1.0.1, but 1.0.0-rc1 < 1.0.0
                String rest = p == null ? q : p;
                int sign = p == null ? -1 : 1;
                return rest.chars().allMatch(Character::isDigit) ? sign : -sign;
            }
            boolean pn = p.chars().allMatch(Character::isDigit) && !p.isEmpty();
            boolean qn = q.chars().allMatch(Character::isDigit) && !q.isEmpty();
            int c = pn && qn ? Long.compare(Long.parseLong(p), Long.parseLong(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
