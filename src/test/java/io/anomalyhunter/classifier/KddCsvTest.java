package io.anomalyhunter.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows to classify: headerless NSL-KDD or a CSV with named columns; a bad row is named by line and column. */
class KddCsvTest {
    static final String ROW = "0,tcp,http,SF,181,5450,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,9,9,"
            + "1.00,0.00,0.11,0.00,0.00,0.00,0.00,0.00";

    private static List<float[]> read(String csv) throws Exception {
        List<float[]> rows = new ArrayList<>();
        KddCsv.read(new StringReader(csv), "in.csv", 2, b -> rows.addAll(List.of(b.rows())));
        return rows;
    }

    @Test
    void headerlessRowsAndNamedColumnsInAnotherOrderGiveTheSameVector() throws Exception {
        float[] plain = read(ROW + ",normal,21\n").get(0);
        List<String> names = new ArrayList<>(KddSchema.FEATURES);
        List<String> values = new ArrayList<>(List.of(ROW.split(",")));
        names.add(0, "id");
        values.add(0, "row-1");
        java.util.Collections.reverse(names);
        java.util.Collections.reverse(values);
        float[] named = read(String.join(",", names) + "\n" + String.join(",", values) + "\n").get(0);
        assertArrayEquals(plain, named);
        assertEquals(5, read((ROW + "\n").repeat(5)).size(), "batches of 2, all rows delivered");
    }

    @Test
    void theWrongColumnCountNamesTheLine() {
        KddFormatException e = assertThrows(KddFormatException.class, () -> read(ROW + "\n" + ROW + "\n0,tcp,http\n"));
        assertTrue(e.getMessage().startsWith("in.csv:3: expected 41 to 43"), e.getMessage());
    }

    @Test
    void anUnknownCategoryNamesTheLineAndColumn() {
        KddFormatException e = assertThrows(KddFormatException.class, () -> read(ROW.replace(",http,", ",gopherx,") + "\n"));
        assertTrue(e.getMessage().startsWith("in.csv:1: column 3 (service): unknown value 'gopherx'"), e.getMessage());
    }

    @Test
    void aNanNamesTheLineAndColumn() {
        KddFormatException e = assertThrows(KddFormatException.class, () -> read(ROW + "\n" + ROW.replace(",181,", ",NaN,")));
        assertTrue(e.getMessage().startsWith("in.csv:2: column 5 (src_bytes): not a finite number: 'NaN'"), e.getMessage());
        KddFormatException word = assertThrows(KddFormatException.class, () -> read(ROW.replace(",5450,", ",lots,")));
        assertTrue(word.getMessage().startsWith("in.csv:1: column 6 (dst_bytes): not a number: 'lots'"), word.getMessage());
    }

    @Test
    void aHeaderWithoutAFeatureNamesIt() {
        KddFormatException e = assertThrows(KddFormatException.class, () -> read("duration,protocol_type\n0,tcp\n"));
        assertTrue(e.getMessage().startsWith("in.csv:1: the header has no column 'service'"), e.getMessage());
    }
}
