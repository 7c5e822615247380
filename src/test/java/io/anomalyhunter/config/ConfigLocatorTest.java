package io.anomalyhunter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
    @TempDir
    Path dir;

    @Test
    void followsTheLookupOrder() throws Exception {
        Path explicit = Files.writeString(dir.resolve("explicit.yaml"), "");
        Path env = Files.writeString(dir.resolve("env.yaml"), "");
        Path system = Files.writeString(dir.resolve("system.yaml"), "");
        Path local = Files.writeString(dir.resolve("local.yaml"), "");
        Map<String, String> withEnv = Map.of(ConfigLocator.ENV, env.toString());
        assertEquals(explicit, new ConfigLocator(withEnv, system, local).locate(explicit).orElseThrow());
        assertEquals(env, new ConfigLocator(withEnv, system, local).locate(null).orElseThrow());
        assertEquals(system, new ConfigLocator(Map.of(), system, local).locate(null).orElseThrow());
        assertEquals(local, new ConfigLocator(Map.of(), dir.resolve("none"), local).locate(null).orElseThrow());
        assertTrue(new ConfigLocator(Map.of(), dir.resolve("none"), dir.resolve("none2")).locate(null).isEmpty());
    }

    @Test
    void aNamedFileThatIsMissingIsAnErrorNotDefaults() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLocator(Map.of()).locate(dir.resolve("missing.yaml")));
        assertTrue(e.getMessage().contains("missing.yaml"));
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> new ConfigLocator(Map.of(ConfigLocator.ENV, "/nope/x.yaml")).locate(null));
        assertTrue(fromEnv.getMessage().contains("$ANOMALY_HUNTER_CONFIG"));
    }
}
