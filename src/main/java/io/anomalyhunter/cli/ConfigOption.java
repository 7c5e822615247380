package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.config.ConfigLoader;
import io.anomalyhunter.config.ConfigLocator;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --config option and the lookup chain behind it, shared by every command that needs the config. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default: $ANOMALY_HUNTER_CONFIG, /etc/anomaly-hunter/config.yaml, ./config.yaml, "
                    + "else embedded defaults).")
    Path file;

    static ConfigLoader loader() {
        return io.anomalyhunter.daemon.DaemonWiring.configLoader();
    }

    AppConfig load() throws ConfigException {
        return new ConfigLocator(System.getenv()).load(file, loader());
    }

    /** The config, or empty after printing every problem to standard error (the caller exits with bad input). */
    java.util.Optional<AppConfig> loadOrReport() {
        try {
            return java.util.Optional.of(load());
        } catch (ConfigException e) {
            System.err.println("config refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return java.util.Optional.empty();
        }
    }
}
