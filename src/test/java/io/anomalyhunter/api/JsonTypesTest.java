package io.anomalyhunter.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every record the API package declares is registered for the native executable's JSON. */
class JsonTypesTest {
    @Test
    void everyApiRecordIsRegistered() throws Exception {
        Set<Class<?>> registered = Set.of(JsonTypes.class.getAnnotation(RegisterForReflection.class).targets());
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/io/anomalyhunter/api"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("io.anomalyhunter.api." + name, false, getClass().getClassLoader());
                if (c.isRecord() && !registered.contains(c)) {
                    missing.add(c.getName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "add to JsonTypes: " + missing);
    }
}
