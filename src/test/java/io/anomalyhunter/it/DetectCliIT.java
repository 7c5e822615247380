package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code detect} and {@code eval nab} commands: output, files, exit codes and bad input. */
class DetectCliIT {
    static final Path NAB = SharedData.DIR.resolve("data/nab-dev");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two days of a noisy five-minute series with one spike late on the second day. */
    private Path series() throws Exception {
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        Random r = new Random(1);
        Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
        for (int i = 0; i < 576; i++) {
            double v = i == 500 ? 400 : 50 + r.nextGaussian() * 2;
            sb.append(t0.plusSeconds(300L * i).toString().replace('T', ' ').replace("Z", "")).append(',').append(v).append('\n');
        }
        return Files.writeString(dir.resolve("spike.csv"), sb);
    }

    @Test
    void detectWritesEveryRowAndFindsTheSpike() throws Exception {
        Path csv = series();
        DaemonProcess.Result r = DaemonProcess.cli(dir, "detect", csv.toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("series,timestamp,value,score,anomalous,expected_low,expected_high,anomaly"), r.output());
        assertTrue(r.output().contains("2026-01-06 17:40:00,400.0,") , "the spike row: " + r.output());
        Matcher spike = Pattern.compile("2026-01-06 17:40:00,400.0,([0-9.]+),1,[^,]*,[^,]*,(\\d+)").matcher(r.output());
        assertTrue(spike.find(), "the spike row is anomalous and names its anomaly");
        assertTrue(Double.parseDouble(spike.group(1)) >= 0.5);
        // The spike, and at most one chance alarm: the budget is 0.3 a day and the file judges 1.7 days.
        Matcher summary = Pattern.compile("value\\{file=\"spike.csv\"}: 576 rows, (\\d+) anomalies").matcher(r.output());
        assertTrue(summary.find() && Integer.parseInt(summary.group(1)) <= 2, r.output());
        assertTrue(r.output().contains("#" + spike.group(2) + " 2026-01-06T17:40:00Z .. "), r.output());

        DaemonProcess.Result files = DaemonProcess.cli(dir, "detect", csv.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, files.exit(), files.output());
        Path out = dir.resolve("out/spike.csv");
        assertTrue(Files.readString(out).startsWith("timestamp,value,score,anomalous,expected_low,expected_high,anomaly\n"));
        assertEquals(577, Files.readAllLines(out).size());

        DaemonProcess.Result json = DaemonProcess.cli(dir, "detect", csv.toString(), "--json", "--learning", "200");
        assertEquals(0, json.exit(), json.output());
        JsonNode s = JSON.readTree(json.output().substring(json.output().indexOf('{'))).path("series").get(0);
        assertEquals(576, s.path("points").size());
        List<String> starts = new ArrayList<>();
        s.path("anomalies").forEach(a -> starts.add(a.path("start").asText()));
        assertTrue(starts.contains("2026-01-06T17:40:00Z") && starts.size() <= 2, starts.toString());
    }

    @Test
    void badInputNamesFileRowAndColumnAndExitsTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,value\n2026-01-05 00:00:00,1\n2026-01-05 00:05:00,x\n");
        DaemonProcess.Result r = DaemonProcess.cli(dir, "detect", bad.toString());
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains(bad + ": row 3, column 'value': 'x' is not a finite number"), r.output());
        assertTrue(!r.output().contains("\tat "), "no stack trace: " + r.output());
        DaemonProcess.Result learning = DaemonProcess.cli(dir, "detect", bad.toString(), "--learning", "soon");
        assertEquals(2, learning.exit(), learning.output());
        assertTrue(learning.output().contains("'soon' is not a learning period"), learning.output());
        DaemonProcess.Result noLabels = DaemonProcess.cli(dir, "eval", "nab", "--data", dir.toString());
        assertEquals(2, noLabels.exit(), noLabels.output());
        assertTrue(noLabels.output().contains("no combined_windows.json"), noLabels.output());
    }

    @Test
    void evalNabScoresTheDevSubsetAndWritesResultFilesInNabsLayout() throws Exception {
        SharedData.require(NAB, "NAB data");
        Path out = dir.resolve("results");
        DaemonProcess.Result r = DaemonProcess.cli(dir, "eval", "nab", "--data", NAB.toAbsolutePath().toString(), "--out",
                out.toString());
        assertEquals(0, r.exit(), r.output());
        Matcher standard = Pattern.compile("\\nstandard +([0-9.]+) ").matcher(r.output());
        assertTrue(standard.find(), r.output());
        assertTrue(Double.parseDouble(standard.group(1)) >= 70, r.output());
        assertTrue(r.output().contains("realAWSCloudwatch"), r.output());
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(41, files.filter(p -> p.toString().endsWith(".csv")).count());
        }
        Path one = out.resolve("anomalyhunter/realTraffic/anomalyhunter_speed_7578.csv");
        assertTrue(Files.readString(one).startsWith("timestamp,value,anomaly_score,label\n"), one.toString());

        DaemonProcess.Result json = DaemonProcess.cli(dir, "eval", "nab", "--data", NAB.toAbsolutePath().toString(), "--json");
        JsonNode root = JSON.readTree(json.output().substring(json.output().indexOf('{')));
        assertEquals("standard", root.path("profiles").get(0).path("profile").asText());
        assertEquals(3, root.path("profiles").size());
    }
}
