package io.anomalyhunter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.anomalyhunter.json.ApiJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The API's JSON uses snake_case names. Set in code rather than with quarkus.jackson.property-naming-strategy,
 * which looks the strategy class up by name at run time and fails in the native executable.
 */
@Singleton
public class JsonNaming implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        ApiJson.configure(mapper);
    }
}
