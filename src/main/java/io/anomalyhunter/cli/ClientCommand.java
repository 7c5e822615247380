package io.anomalyhunter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.anomalyhunter.config.ConfigException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** A command that asks the daemon; turns the usual failures into an exit code and one line on stderr. */
abstract class ClientCommand implements Callable<Integer> {

    abstract ClientOptions options();

    abstract int ask(DaemonClient client);

    @Override
    public final Integer call() {
        try {
            return ask(options().client());
        } catch (ConfigException e) {
            System.err.println("anomaly-hunter: config refused:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return RootCommand.BAD_INPUT;
        } catch (DaemonClient.DaemonUnreachableException e) {
            System.err.println("anomaly-hunter: " + e.getMessage());
            return RootCommand.FAILURE;
        }
    }

    /**
     * GETs a paged listing and prints it: the raw JSON with --json, else a header and one line per item
     * (or a line saying there is nothing).
     */
    static int printListing(DaemonClient client, ClientOptions options, String path, Map<String, String> query,
                            String none, String header, Function<JsonNode, String> line) {
        DaemonClient.Answer a = client.get(path, query);
        if (a.status() != 200 || a.json() == null) {
            return refused(a);
        }
        if (options.json) {
            System.out.println(a.text());
            return RootCommand.OK;
        }
        JsonNode items = a.json().path("items");
        System.out.println(items.isEmpty() ? none : header);
        items.forEach(n -> System.out.println(line.apply(n)));
        return RootCommand.OK;
    }

    /** Prints an API error body and returns the matching exit code. */
    static int refused(DaemonClient.Answer a) {
        String msg = a.json() != null && a.json().has("message") ? a.json().get("message").asText() : a.text();
        System.err.println("anomaly-hunter: the daemon answered " + a.status() + ": " + msg);
        return a.status() >= 400 && a.status() < 500 ? RootCommand.BAD_INPUT : RootCommand.FAILURE;
    }
}
