package io.anomalyhunter.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter changes: what changed on the host, newest first, from the running daemon. */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = "List what changed on the host (processes, sockets, interfaces, packages, OOM kills, containers, config), newest first.")
final class ChangesCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "1h",
            description = "How far back: a duration (1h, 30m, 7d) or an ISO-8601 instant. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only this kind: process, socket, interface, package, unit, login, oom, config, container.")
    String kind;

    @Option(names = "--subject", paramLabel = "NAME", description = "Only changes of this subject (a container, process, package...).")
    String subject;

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
        q.put("kind", kind);
        q.put("subject", subject);
        q.put("limit", Integer.toString(limit));
        return printListing(client, options, "/api/v1/changes", q, "no changes since " + since,
                String.format("%-24s %-10s %-28s %s", "TIME", "KIND", "SUBJECT", "WHAT (SOURCE)"),
                n -> String.format("%-24s %-10s %-28s %s (%s)", n.path("time").asText(), n.path("kind").asText(),
                        n.path("subject").asText(), n.path("summary").asText(), n.path("source").asText()));
    }
}
