package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter incidents: lists incidents from the running daemon. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List incidents, newest first.")
final class IncidentsCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "7d",
            description = "How far back: a duration or an ISO-8601 instant. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--open", description = "Only incidents still open.")
    boolean openOnly;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("since", since);
        q.put("state", openOnly ? "open" : "all");
        DaemonClient.Answer a = client.get("/api/v1/incidents", q);
        if (a.status() != 200 || a.json() == null) {
            return refused(a);
        }
        if (options.json) {
            System.out.println(a.text());
            return RootCommand.OK;
        }
        JsonNode items = a.json().path("items");
        if (items.isEmpty()) {
            System.out.println("no incidents since " + since);
            return RootCommand.OK;
        }
        System.out.printf("%-6s %-9s %-8s %-24s %-24s %s%n", "ID", "STATE", "SEVERITY", "START", "END", "TITLE");
        for (JsonNode n : items) {
            System.out.printf("%-6d %-9s %-8s %-24s %-24s %s (%d anomalies)%n", n.path("id").asLong(),
                    n.path("state").asText(), n.path("severity").asText(), n.path("start").asText(),
                    n.path("end").isNull() ? "-" : n.path("end").asText(), n.path("title").asText(),
                    n.path("anomaly_ids").size());
        }
        return RootCommand.OK;
    }
}
