package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** anomaly-hunter check-config FILE: validates a config file without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Check a config file; prints every problem with file, line and key. Exit 0 if valid, 2 if not.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The YAML config file to check.")
    Path file;

    @Override
    public Integer call() {
        try {
            AppConfig c = ConfigOption.loader().load(file);
            System.out.println("config OK: " + file + " (storage " + c.storage().path() + ", http " + c.http().host() + ":"
                    + c.http().port() + ", " + c.metrics().size() + " pinned thresholds)");
            return RootCommand.OK;
        } catch (ConfigException e) {
            System.err.println("config refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return RootCommand.BAD_INPUT;
        }
    }
}
