package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter queue: the durable queue of the running daemon (alert deliveries and their dead letters). */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Inspect the delivery queue; retry or purge dead letters.",
        subcommands = {QueueCommand.Stats.class, QueueCommand.ListMessages.class, QueueCommand.Retry.class,
                QueueCommand.PurgeDead.class})
final class QueueCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Waiting, dead and done messages per topic.")
    static final class Stats extends ClientCommand {
        @Mixin
        ClientOptions options;

        @Override
        ClientOptions options() {
            return options;
        }

        @Override
        int ask(DaemonClient client) {
            DaemonClient.Answer a = client.get("/api/v1/queue", Map.of());
            if (a.status() != 200 || a.json() == null) {
                return refused(a);
            }
            if (options.json) {
                System.out.println(a.text());
                return RootCommand.OK;
            }
            System.out.println(a.json().isEmpty() ? "the queue is empty" : String.format("%-24s %8s %6s %8s %12s %10s %8s",
                    "TOPIC", "WAITING", "DEAD", "DONE", "OLDEST(s)", "DELIVERED", "RETRIED"));
            for (JsonNode t : a.json()) {
                System.out.println(String.format("%-24s %8d %6d %8d %12.1f %10d %8d", t.path("topic").asText(),
                        t.path("waiting").asLong(), t.path("dead").asLong(), t.path("done").asLong(),
                        t.path("oldest_waiting_age_seconds").asDouble(), t.path("delivered_since_start").asLong(),
                        t.path("retried_since_start").asLong()));
            }
            return RootCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Waiting messages, or dead letters with --dead.")
    static final class ListMessages extends ClientCommand {
        @Mixin
        ClientOptions options;

        @Option(names = "--dead", description = "Dead letters (with the reason they died) instead of waiting messages.")
        boolean dead;

        @Override
        ClientOptions options() {
            return options;
        }

        @Override
        int ask(DaemonClient client) {
            return printListing(client, options, "/api/v1/queue/messages", Map.of("dead", Boolean.toString(dead)),
                    dead ? "no dead letters" : "no waiting messages",
                    String.format("%-8s %-24s %-8s %-24s %s", "ID", "TOPIC", "ATTEMPTS", "CREATED", "LAST ERROR"),
                    n -> String.format("%-8d %-24s %-8d %-24s %s", n.path("id").asLong(), n.path("topic").asText(),
                            n.path("attempts").asInt(), n.path("created").asText(),
                            n.path("last_error").isNull() ? "-" : n.path("last_error").asText()));
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true, description = "Make a dead letter ready again.")
    static final class Retry extends ClientCommand {
        @Mixin
        ClientOptions options;

        @Parameters(paramLabel = "ID", description = "The dead letter's id (queue list --dead).")
        String id;

        @Override
        ClientOptions options() {
            return options;
        }

        @Override
        int ask(DaemonClient client) {
            DaemonClient.Answer a = client.request("POST", "/api/v1/queue/messages/" + id + "/retry", Map.of());
            if (a.status() != 200) {
                return refused(a);
            }
            System.out.println("message " + id + " will be delivered again");
            return RootCommand.OK;
        }
    }

    @Command(name = "purge-dead", mixinStandardHelpOptions = true, description = "Delete every dead letter.")
    static final class PurgeDead extends ClientCommand {
        @Mixin
        ClientOptions options;

        @Override
        ClientOptions options() {
            return options;
        }

        @Override
        int ask(DaemonClient client) {
            DaemonClient.Answer a = client.request("DELETE", "/api/v1/queue/dead", Map.of());
            if (a.status() != 200 || a.json() == null) {
                return refused(a);
            }
            System.out.println("deleted " + a.json().path("count").asLong() + " dead letters");
            return RootCommand.OK;
        }
    }
}
