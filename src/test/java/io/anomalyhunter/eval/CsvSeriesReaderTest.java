package io.anomalyhunter.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CsvSeriesReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsNabFormat() throws Exception {
        List<CsvSeries> s = new CsvSeriesReader().read(file("a.csv",
                "timestamp,value\n2014-04-01 00:00:00,20.0\n2014-04-01 00:05:00,21.5\n"));
        assertEquals(1, s.size());
        assertEquals("value", s.get(0).column());
        assertArrayEquals(new double[] {20.0, 21.5}, s.get(0).values());
        assertEquals(Instant.parse("2014-04-01T00:05:00Z"), s.get(0).times()[1]);
        assertEquals(List.of("2014-04-01 00:00:00", "2014-04-01 00:05:00"), s.get(0).timestampText());
    }

    @Test
    void everyColumnAfterTheTimeIsASeriesAndTimesMayBeIsoOrEpoch() throws Exception {
        List<CsvSeries> s = new CsvSeriesReader().read(file("b.csv",
                "time,cpu,memory\n1767571200,1,10\n2026-01-05T00:00:10Z,2,20\n1767571220000,3,30\n"));
        assertEquals(List.of("cpu", "memory"), s.stream().map(CsvSeries::column).toList());
        assertArrayEquals(new double[] {10, 20, 30}, s.get(1).values());
        assertEquals(Instant.parse("2026-01-05T00:00:20Z"), s.get(0).times()[2]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no header           | 2014-04-01 00:00:00,20.0\\n          | row 1, column 1: '2014-04-01 00:00:00' is not a time column",
            "empty file          |                                      | row 1: empty; expected a header",
            "non-numeric value   | timestamp,value\\n2014-04-01 00:00:00,abc\\n | row 2, column 'value': 'abc' is not a finite number",
            "not a time          | timestamp,value\\nyesterday,1\\n      | row 2, column 'timestamp': 'yesterday' is not a time",
            "missing field       | timestamp,value\\n2014-04-01 00:00:00\\n | row 2: 1 fields, the header has 2",
            "infinite value      | timestamp,value\\n2014-04-01 00:00:00,Infinity\\n | row 2, column 'value': 'Infinity' is not a finite number",
            "no value column     | timestamp\\n2014-04-01 00:00:00\\n   | a value column is missing",
            "header only         | timestamp,value\\n                     | no data rows after the header"})
    void badInputNamesFileRowAndColumn(String what, String text, String message) throws Exception {
        Path f = file("bad.csv", text == null ? "" : text.replace("\\n", "\n"));
        CsvSeriesReader.CsvException e = assertThrows(CsvSeriesReader.CsvException.class, () -> new CsvSeriesReader().read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    @Test
    void repeatedAndBackwardTimestampsAreKeptInFileOrderWithAWarningNamingTheRow() throws Exception {
        Path f = file("c.csv", "timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:05:00,2\n2014-04-01 00:00:00,3\n");
        CsvSeries s = new CsvSeriesReader().read(f).get(0);
        assertArrayEquals(new double[] {1, 2, 3}, s.values());
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).contains(f + ": row 3, column 'timestamp'") && s.warnings().get(0).contains("repeats"),
                s.warnings().get(0));
        assertTrue(s.warnings().get(1).contains("row 4") && s.warnings().get(1).contains("before"), s.warnings().get(1));
    }
}
