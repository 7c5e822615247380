package io.anomalyhunter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate and classify through the real CLI (in this JVM) with the shipped model and real NSL-KDD rows. */
class TrafficCliTest {
    private static final Path SMALL = SharedData.DIR.resolve("data/nsl-kdd/KDDTrain+_20Percent.txt");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = RootCommand.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void evaluateAsJsonGivesTheFiguresAndTheConfusionMatrix(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("rows.txt");
        Files.write(data, Files.readAllLines(SharedData.require(SMALL, "NSL-KDD")).subList(0, 3000));
        Run r = run("evaluate", "traffic", "--data", data.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3000, j.path("rows").asLong());
        assertTrue(j.path("accuracy").asDouble() > 0.95, r.out());
        assertEquals(5, j.path("per_class").size());
        long sum = 0;
        for (JsonNode row : j.path("confusion")) {
            assertEquals(6, row.size(), "five classes and unknown");
            for (JsonNode n : row) {
                sum += n.asLong();
            }
        }
        assertEquals(3000, sum);
    }

    @Test
    void classifyWritesAPredictionAndProbabilitiesPerRow(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("rows.txt");
        List<String> lines = Files.readAllLines(SharedData.require(SMALL, "NSL-KDD")).subList(0, 500);
        Files.write(data, lines);
        Path out = dir.resolve("out.csv");
        Run r = run("classify", data.toString(), "-o", out.toString(), "--explain", "2");
        assertEquals(0, r.exit(), r.err());
        List<String> written = Files.readAllLines(out);
        assertEquals("line,prediction,p_normal,p_DoS,p_Probe,p_R2L,p_U2R,label,top_contributions", written.get(0));
        assertEquals(501, written.size());
        String[] first = written.get(1).split(",", 9);
        assertEquals("1", first[0]);
        double total = 0;
        for (int c = 2; c < 7; c++) {
            total += Double.parseDouble(first[c]);
        }
        assertEquals(1.0, total, 1e-3);
        assertTrue(first[8].matches("\"[a-z_]+=\\S+ [+-]\\d\\.\\d{3}; [a-z_]+=\\S+ [+-]\\d\\.\\d{3}\""), first[8]);
    }

    @Test
    void aBadRowIsExitTwoNamingLineAndColumnAndLeavesNoOutput(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(SharedData.require(SMALL, "NSL-KDD")).subList(0, 4);
        Path data = dir.resolve("rows.txt");
        Files.write(data, List.of(lines.get(0), lines.get(1), lines.get(2).replaceFirst("^([^,]*),[^,]*,", "$1,sctp,"), lines.get(3)));
        Path out = dir.resolve("out.csv");
        Run r = run("classify", data.toString(), "-o", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("rows.txt:3: column 2 (protocol_type): unknown value 'sctp'"), r.err());
        assertFalse(Files.exists(out), "no half-written output");
        assertFalse(Files.exists(dir.resolve("out.csv.partial")));
        Files.write(data, List.of(lines.get(0), "1,2,3"));
        Run short1 = run("evaluate", "traffic", "--data", data.toString());
        assertEquals(2, short1.exit());
        assertTrue(short1.err().contains("rows.txt:2: expected 41 to 43"), short1.err());
    }
}
