package io.anomalyhunter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter incidents: lists incidents from the running daemon; {@code incidents show ID}: one, with its report. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "List incidents, newest first.",
        subcommands = IncidentShowCommand.class)
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
        return printListing(client, options, "/api/v1/incidents", q, "no incidents since " + since,
                String.format("%-6s %-9s %-8s %-24s %-24s %s", "ID", "STATE", "SEVERITY", "START", "END", "TITLE"),
                n -> String.format("%-6d %-9s %-8s %-24s %-24s %s (%d anomalies)", n.path("id").asLong(),
                        n.path("state").asText(), n.path("severity").asText(), n.path("start").asText(),
                        n.path("end").isNull() ? "-" : n.path("end").asText(), n.path("title").asText(),
                        n.path("anomaly_ids").size()));
    }
}
