package io.anomalyhunter.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the config file: --config, then $ANOMALY_HUNTER_CONFIG, then /etc/anomaly-hunter/config.yaml, then
 * ./config.yaml; none found means embedded defaults. An explicitly named file that is missing is an error,
 * never a silent fallback.
 */
public final class ConfigLocator {
    public static final String ENV = "ANOMALY_HUNTER_CONFIG";
    static final Path SYSTEM_FILE = Path.of("/etc/anomaly-hunter/config.yaml");
    static final Path LOCAL_FILE = Path.of("config.yaml");

    private final Map<String, String> env;
    private final Path systemFile;
    private final Path localFile;

    public ConfigLocator(Map<String, String> env) {
        this(env, SYSTEM_FILE, LOCAL_FILE);
    }

    ConfigLocator(Map<String, String> env, Path systemFile, Path localFile) {
        this.env = env;
        this.systemFile = systemFile;
        this.localFile = localFile;
    }

    /** The file to read, or empty for embedded defaults. */
    public Optional<Path> locate(Path explicit) throws ConfigException {
        if (explicit != null) {
            return Optional.of(requireFile(explicit, "--config"));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(requireFile(Path.of(fromEnv), "$" + ENV));
        }
        if (Files.isRegularFile(systemFile)) {
            return Optional.of(systemFile);
        }
        if (Files.isRegularFile(localFile)) {
            return Optional.of(localFile);
        }
        return Optional.empty();
    }

    /** Locates and loads in one step. */
    public AppConfig load(Path explicit, ConfigLoader loader) throws ConfigException {
        Optional<Path> file = locate(explicit);
        return file.isPresent() ? loader.load(file.get()) : loader.defaults();
    }

    private static Path requireFile(Path p, String origin) throws ConfigException {
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(p + ": config file named by " + origin + " does not exist or is not a file");
        }
        return p;
    }
}
