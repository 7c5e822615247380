package io.anomalyhunter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter anomalies: lists recent anomalies from the running daemon. */
@Command(name = "anomalies", mixinStandardHelpOptions = true, description = "List anomalies, newest first.")
final class AnomaliesCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "1h",
            description = "How far back: a duration (1h, 30m, 7d) or an ISO-8601 instant. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--metric", paramLabel = "NAME", description = "Only this metric.")
    String metric;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("since", since);
        q.put("metric", metric);
        q.put("limit", Integer.toString(limit));
        return printListing(client, options, "/api/v1/anomalies", q, "no anomalies since " + since,
                String.format("%-6s %-24s %-24s %6s %6s  %s", "ID", "START", "END", "SCORE", "CONF", "SERIES / DETAIL"),
                n -> String.format("%-6d %-24s %-24s %6.2f %6.2f  %s %s: peak %s, expected %s..%s (%s)",
                        n.path("id").asLong(), n.path("start").asText(),
                        n.path("open").asBoolean() ? "open" : n.path("end").asText(), n.path("score").asDouble(),
                        n.path("confidence").asDouble(), n.path("series").asText(), n.path("reason").asText(),
                        n.path("peak_value").asText(), n.path("expected_low").asText("?"),
                        n.path("expected_high").asText("?"), n.path("detector").asText()));
    }
}
