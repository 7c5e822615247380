package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anomalyhunter.json.ApiJson;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** anomaly-hunter incidents show ID: the incident, its anomalies, then its root-cause report. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one incident with its anomalies and its "
        + "root-cause report.")
final class IncidentShowCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Parameters(paramLabel = "ID", description = "The incident.")
    long id;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        DaemonClient.Answer incident = client.get("/api/v1/incidents/" + id, Map.of());
        if (incident.status() != 200 || incident.json() == null) {
            return refused(incident);
        }
        DaemonClient.Answer report = client.get("/api/v1/incidents/" + id + "/report", Map.of());
        if (report.status() != 200 || report.json() == null) {
            return refused(report);
        }
        if (options.json) {
            ObjectNode both = ApiJson.mapper().createObjectNode();
            both.set("incident", incident.json());
            both.set("report", report.json());
            System.out.println(both);
            return RootCommand.OK;
        }
        JsonNode i = incident.json();
        System.out.printf("incident %d  %s  %s  %s .. %s%n%s%n%nAnomalies:%n", i.path("id").asLong(), i.path("state").asText(),
                i.path("severity").asText(), i.path("start").asText(), i.path("end").isNull() ? "open" : i.path("end").asText(),
                i.path("title").asText());
        for (JsonNode a : i.path("anomalies")) {
            System.out.printf("  %d %s %s .. %s: %s%n", a.path("id").asLong(), a.path("series").asText(), a.path("start").asText(),
                    a.path("end").isNull() ? "open" : a.path("end").asText(), a.path("reason").asText());
        }
        System.out.println();
        System.out.print(AnalyzeCommand.text(report.json()));
        return RootCommand.OK;
    }
}
