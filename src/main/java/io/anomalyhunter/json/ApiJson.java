package io.anomalyhunter.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON words of the API, in one place: snake_case names, times as ISO-8601 text. The daemon's mapper gets
 * them through Quarkus (api.JsonNaming); commands that print what the API serves (replay --json) use
 * {@link #mapper()}, so the same record reads the same in both.
 */
public final class ApiJson {
    private ApiJson() {
    }

    /** Applies the API's naming to a mapper Quarkus already set up (times as text is Quarkus's default). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /** A mapper outside the daemon that writes what the API would. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS));
    }
}
