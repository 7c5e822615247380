package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.config.ConfigLocator;
import io.anomalyhunter.daemon.DaemonApplication;
import io.anomalyhunter.daemon.DaemonWiring;
import io.anomalyhunter.daemon.JournalPriorityFilter;
import io.anomalyhunter.http.ConnectionGuards;
import io.anomalyhunter.http.ConnectionLimits;
import io.anomalyhunter.http.OpenFileLimit;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.StoreException;
import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * anomaly-hunter run: the daemon. The config and the database file are checked before Quarkus starts so
 * a refusal is one clear line and exit 2, not a boot failure with a stack trace.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon in the foreground.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        AppConfig c;
        Optional<Path> file;
        try {
            file = new ConfigLocator(System.getenv()).locate(config.file);
            c = file.isPresent() ? ConfigOption.loader().load(file.get()) : ConfigOption.loader().defaults();
        } catch (ConfigException e) {
            error("anomaly-hunter: config refused, not starting:");
            e.problems().forEach(p -> error("  " + p));
            return RootCommand.BAD_INPUT;
        }
        try {
            SqliteDatabase.verify(c.storage().path());
            SqliteDatabase.open(c.storage().path()).close();
        } catch (StoreException e) {
            error("anomaly-hunter: " + e.getMessage() + "; not starting");
            return RootCommand.BAD_INPUT;
        }
        if (JournalPriorityFilter.underJournal(System.getenv())) {
            System.setProperty("quarkus.log.console.format", JournalPriorityFilter.JOURNAL_FORMAT);
        }
        System.setProperty(DaemonWiring.CONFIG_PROPERTY, file.map(Path::toString).orElse(""));
        System.setProperty("quarkus.http.host", c.http().host());
        System.setProperty("quarkus.http.port", Integer.toString(c.http().port()));
        backstopLimits(c.http());
        AtomicInteger exit = new AtomicInteger(RootCommand.OK);
        Quarkus.run(DaemonApplication.class, (code, failure) -> {
            if (failure != null) {
                Throwable root = failure;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                // An address in use says so in its message; anything else needs its type to be understood.
                String why = root instanceof java.net.BindException ? root.getMessage() : root.toString();
                error("anomaly-hunter: start failed (http.host=" + c.http().host() + ", http.port="
                        + c.http().port() + "): " + why);
                exit.set(RootCommand.FAILURE);
            } else {
                exit.set(code);
            }
        });
        return exit.get();
    }

    /**
     * Quarkus's idle timeout, a little above ours: it holds should our guard not be installed (see
     * ConnectionGuards). Quarkus's own connection cap is left off: it counts per event loop, so it would not keep
     * the total under the open-file limit.
     */
    private static void backstopLimits(AppConfig.Http http) {
        ConnectionLimits limits = ConnectionGuards.limitsFor(http, OpenFileLimit.current());
        System.setProperty("quarkus.http.idle-timeout", (limits.idleTimeout().toSeconds() + 10) + "s");
    }

    /** An error line on stderr, with the journal's error priority when systemd reads it. */
    private static void error(String line) {
        System.err.println((JournalPriorityFilter.underJournal(System.getenv()) ? "<3>" : "") + line);
    }
}
