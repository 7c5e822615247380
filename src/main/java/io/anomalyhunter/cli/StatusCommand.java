package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** anomaly-hunter status: asks the running daemon how it is. Exit 0 when UP, 1 otherwise. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running daemon's health.")
final class StatusCommand extends ClientCommand {
    @Mixin
    ClientOptions options;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait up to this long for the daemon to answer UP (systemd's ExecStartPost uses it).")
    int waitSeconds;

    @Override
    ClientOptions options() {
        return options;
    }

    @Override
    int ask(DaemonClient client) {
        DaemonClient.Answer a = waitSeconds > 0 ? awaitUp(client) : client.get("/health", Map.of());
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

    private DaemonClient.Answer awaitUp(DaemonClient client) {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            try {
                DaemonClient.Answer a = client.get("/health", Map.of());
                if (a.json() != null && "UP".equals(a.json().path("status").asText()) || System.nanoTime() > deadline) {
                    return a;
                }
            } catch (DaemonClient.DaemonUnreachableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DaemonClient.DaemonUnreachableException("interrupted while waiting for the daemon");
            }
        }
    }
}
