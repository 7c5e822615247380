package io.anomalyhunter.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
    @Test
    void givesDenseIdsThatMatchAHashMapAndStopsWhenFull() {
        KeyIndex index = new KeyIndex(3, 5000);
        Map<List<Long>, Integer> reference = new HashMap<>();
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            long a = r.nextInt(100);
            long b = r.nextInt(100);
            long c = r.nextInt(3);
            int id = index.add(a, b, c, 0);
            List<Long> key = List.of(a, b, c);
            if (reference.containsKey(key)) {
                assertEquals(reference.get(key), id);
                assertFalse(index.added());
            } else if (reference.size() < 5000) {
                assertTrue(index.added());
                assertEquals(reference.size(), id, "ids are dense");
                reference.put(key, id);
            } else {
                assertEquals(-1, id, "full");
            }
            assertEquals(reference.getOrDefault(key, -1), index.find(a, b, c, 0));
        }
        reference.forEach((k, id) -> assertEquals(k.get(2), index.key(id, 2)));
    }

    @Test
    void clearingFewOrManyKeysForgetsThemAll() {
        KeyIndex index = new KeyIndex(2, 1 << 16);
        for (int round : new int[] {10, 60_000, 3}) { // the sparse and the full clearing path
            for (int i = 0; i < round; i++) {
                index.add(i, -i, 0, 0);
            }
            assertEquals(round, index.size());
            index.clear();
            assertEquals(0, index.size());
            for (int i = 0; i < round; i++) {
                assertEquals(-1, index.find(i, -i, 0, 0));
            }
        }
    }
}
