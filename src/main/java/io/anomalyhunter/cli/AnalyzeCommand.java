package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** anomaly-hunter analyze INCIDENT_ID: the incident's root-cause report from the running daemon. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Print an incident's root-cause report: the likeliest causes with the evidence they rest on, "
                + "and what to do next.")
final class AnalyzeCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "INCIDENT_ID", description = "The incident (see `anomaly-hunter incidents`).")
    long incident;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        DaemonClient.Answer a = client.get("/api/v1/incidents/" + incident + "/report", Map.of());
        if (a.status() != 200 || a.json() == null) {
            return refused(a);
        }
        if (options.json) {
            System.out.println(a.text());
            return RootCommand.OK;
        }
        System.out.print(text(a.json()));
        return RootCommand.OK;
    }

    /** The report for a terminal: summary, causes with their evidence, actions, then the evidence cited. */
    static String text(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append(r.path("summary").asText()).append('\n');
        b.append("(from the ").append(r.path("source").asText()).append(r.path("model").isNull() ? "" : ", " + r.path("model").asText())
                .append(")\n\nCauses:\n");
        for (JsonNode c : r.path("causes")) {
            b.append(String.format(Locale.ROOT, "  %d. %s %s (confidence %.2f): %s%n", c.path("rank").asInt(), c.path("kind").asText(),
                    c.path("subject").asText(), c.path("confidence").asDouble(), c.path("explanation").asText()));
        }
        if (r.path("causes").isEmpty()) {
            b.append("  none stands out\n");
        }
        for (JsonNode c : r.path("causes")) {
            if (!c.path("contradicting").isEmpty()) {
                List<String> against = new ArrayList<>();
                c.path("contradicting").forEach(x -> against.add(x.asText()));
                b.append("  against ").append(c.path("rank").asInt()).append(": ").append(String.join(", ", against)).append('\n');
            }
        }
        if (!r.path("notes").isEmpty()) {
            b.append("\nNotes:\n");
            r.path("notes").forEach(n -> b.append("  ").append(n.asText()).append('\n'));
        }
        b.append("\nNext:\n");
        for (JsonNode x : r.path("actions")) {
            b.append("  ").append(x.path("text").asText()).append(x.path("command").asText().isEmpty() ? "" : ":  " + x.path("command").asText())
                    .append('\n');
        }
        b.append("\nEvidence:\n");
        for (JsonNode e : r.path("evidence")) {
            b.append("  [").append(e.path("id").asText()).append("] ").append(e.path("summary").asText()).append('\n');
        }
        return b.toString();
    }
}
