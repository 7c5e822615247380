package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** anomaly-hunter doctor on this host: every native library works, and failures are named. */
class DoctorIT {
    static final Path SHARED = SharedData.DIR;
    static final Path MODEL = SHARED.resolve("models/stories260K.gguf");

    @TempDir
    Path dir;

    @Test
    void everyCheckPassesWithTheTinyModel() throws Exception {
        SharedData.require(SHARED, "shared folder (models live there)");
        Path config = DaemonProcess.writeConfig(dir, 8080, "interval: 10s");
        DaemonProcess.Result r = DaemonProcess.cli(dir, "doctor", "--config", config.toString(), "--llm-model", MODEL.toString());
        assertEquals(0, r.exit(), r.output());
        for (String check : List.of("config", "data-dir", "database", "sqlite", "oshi/jna", "libpcap", "onnxruntime", "llama")) {
            assertTrue(r.output().lines().anyMatch(l -> l.matches("PASS +" + java.util.regex.Pattern.quote(check) + " .*")),
                    check + " passes: " + r.output());
        }
        assertTrue(r.output().contains("loaded in a worker process"), r.output());
    }

    @Test
    void failuresAreOneLineEachAndExitNonZero() throws Exception {
        Path notDb = Files.writeString(dir.resolve("ah.db"), "not a database\n");
        Path config = DaemonProcess.writeConfig(dir, 8080, "interval: 10s");
        DaemonProcess.Result r = DaemonProcess.cli(dir, "doctor", "--config", config.toString(), "--llm-model",
                dir.resolve("missing.gguf").toString());
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("FAIL  database     storage.path=" + notDb + " is not a SQLite database"), r.output());
        assertTrue(r.output().contains("FAIL  llama        " + dir.resolve("missing.gguf") + ": model file missing"), r.output());
        assertTrue(r.output().contains("PASS  sqlite"), r.output());
    }
}
