package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.doctor.CheckResult;
import io.anomalyhunter.doctor.DoctorCheck;
import io.anomalyhunter.doctor.LlamaCheck;
import io.anomalyhunter.doctor.NativeLibraryChecks;
import io.anomalyhunter.store.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter doctor: checks an installation the way an operator needs, one line per check. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this installation: config, data directory, database, and every native library "
                + "(SQLite, OSHI/JNA, libpcap, ONNX Runtime, java-llama.cpp).", "Exit 0 when nothing failed, 1 otherwise."})
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--llm-model", paramLabel = "FILE", description = "GGUF model to load (default: llm.model from the config).")
    Path llmModel;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long the model may take to load and answer. Default: ${DEFAULT-VALUE}.")
    int llmTimeout;

    @Override
    public Integer call() {
        List<CheckResult> results = new ArrayList<>();
        AppConfig c = null;
        try {
            c = config.load();
            results.add(CheckResult.pass("config", c.source() + " is valid"));
        } catch (ConfigException e) {
            results.add(CheckResult.fail("config", String.join("; ", e.problems())));
        }
        if (c != null) {
            results.add(dataDirectory(c.storage().path()));
            results.add(database(c.storage().path()));
        }
        for (DoctorCheck check : NativeLibraryChecks.all()) {
            results.add(check.run());
        }
        Optional<Path> model = llmModel != null ? Optional.of(llmModel) : c == null ? Optional.empty() : c.llm().model();
        results.add(new LlamaCheck(model, SelfCommand.prefix(), Duration.ofSeconds(llmTimeout)).run());
        boolean failed = false;
        for (CheckResult r : results) {
            System.out.printf(Locale.ROOT, "%-4s  %-12s %s%n", r.status(), r.name(), r.detail());
            failed |= r.status() == CheckResult.Status.FAIL;
        }
        return failed ? RootCommand.FAILURE : RootCommand.OK;
    }

    private static CheckResult dataDirectory(Path db) {
        Path dir = db.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            return CheckResult.pass("data-dir", dir + " is writable");
        } catch (IOException e) {
            return CheckResult.fail("data-dir", dir + " is not writable: " + e.getMessage());
        }
    }

    private static CheckResult database(Path db) {
        if (!Files.exists(db)) {
            return CheckResult.pass("database", db + " not created yet (the daemon creates it at start)");
        }
        try {
            return CheckResult.pass("database", db + ": " + SqliteDatabase.inspect(db));
        } catch (RuntimeException e) {
            return CheckResult.fail("database", e.getMessage());
        }
    }
}
