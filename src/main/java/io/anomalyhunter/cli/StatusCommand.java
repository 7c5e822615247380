package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** anomaly-hunter status: asks the running daemon how it is. Exit 0 when UP, 1 otherwise. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running daemon's health.")
final class StatusCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        DaemonClient.Answer a = client.get("/health", Map.of());
        if (a.json() == null) {
            return refused(a);
        }
        if (options.json) {
            System.out.println(a.text());
        } else {
            JsonNode h = a.json();
            System.out.printf("anomaly-hunter %s: %s%s, up %ds, database %s, %d samples ingested%n",
                    h.path("version").asText(), h.path("status").asText(), h.path("ready").asBoolean() ? "" : " (not ready)",
                    h.path("uptime_seconds").asLong(), h.path("database").asText(), h.path("samples_ingested").asLong());
            for (JsonNode c : h.path("collectors")) {
                System.out.printf("  collector %-10s %-8s %s%n", c.path("name").asText(), c.path("status").asText(),
                        c.path("detail").asText());
            }
        }
        return "UP".equals(a.json().path("status").asText()) ? RootCommand.OK : RootCommand.FAILURE;
    }
}
