package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that ask a running daemon: where it is, and JSON output. */
final class ClientOptions {
    @Mixin
    ConfigOption config;

    @Option(names = "--url", paramLabel = "URL",
            description = "The daemon's base URL (default: from the config's http.host and http.port).")
    String url;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    DaemonClient client() throws ConfigException {
        if (url != null) {
            return new DaemonClient(url);
        }
        AppConfig c = config.load();
        String host = c.http().host().equals("0.0.0.0") ? "127.0.0.1" : c.http().host();
        return new DaemonClient("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.http().port());
    }
}
