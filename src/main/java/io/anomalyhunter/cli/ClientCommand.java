package io.anomalyhunter.cli;

import io.anomalyhunter.config.ConfigException;
import java.util.concurrent.Callable;

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

    /** Prints an API error body and returns the matching exit code. */
    static int refused(DaemonClient.Answer a) {
        String msg = a.json() != null && a.json().has("message") ? a.json().get("message").asText() : a.text();
        System.err.println("anomaly-hunter: the daemon answered " + a.status() + ": " + msg);
        return a.status() >= 400 && a.status() < 500 ? RootCommand.BAD_INPUT : RootCommand.FAILURE;
    }
}
