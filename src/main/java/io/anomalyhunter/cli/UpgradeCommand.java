package io.anomalyhunter.cli;

import io.anomalyhunter.bundle.BundleException;
import io.anomalyhunter.bundle.BundleManifest;
import io.anomalyhunter.bundle.BundleSignature;
import io.anomalyhunter.bundle.ReleaseKeys;
import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.config.ConfigLoader;
import io.anomalyhunter.config.DurationText;
import io.anomalyhunter.store.StoreException;
import io.anomalyhunter.upgrade.CommandServiceControl;
import io.anomalyhunter.upgrade.HttpHealthProbe;
import io.anomalyhunter.upgrade.InstallLayout;
import io.anomalyhunter.upgrade.UpgradeException;
import io.anomalyhunter.upgrade.Upgrader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter upgrade BUNDLE: a signed USB upgrade with backup, health check and automatic rollback. */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Upgrade the installed appliance from a signed bundle (.tar.gz or directory).",
                "Verifies against the installed release key, backs up the database, switches versions, waits for "
                        + "health and rolls back (binary and database) when health fails.",
                "Exit 0 upgraded, 1 failed and rolled back, 2 refused (nothing changed)."})
final class UpgradeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE", description = "anomaly-hunter-X.Y.Z-linux-x86_64.tar.gz or an unpacked bundle.")
    Path bundle;

    @Option(names = "--allow-downgrade", description = "Allow installing an older version.")
    boolean allowDowngrade;

    @Mixin
    Lifecycle lifecycle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InstallLayout layout = new InstallLayout(lifecycle.root);
        try (UnpackedBundle unpacked = UnpackedBundle.open(bundle)) {
            if (!Files.isRegularFile(layout.releaseKey())) {
                throw new UpgradeException("no installed release key at " + layout.releaseKey());
            }
            BundleManifest m = BundleSignature.verify(unpacked.dir(), ReleaseKeys.readPublic(layout.releaseKey()));
            say("bundle " + bundle + " verified with " + layout.releaseKey());
            AppConfig config = Lifecycle.config(layout);
            Upgrader.Outcome o = lifecycle.upgrader(layout, config).upgrade(unpacked.dir(), m.headers().get("version"),
                    layout.underRoot(config.storage().path()), allowDowngrade);
            return o.healthy() ? RootCommand.OK : RootCommand.FAILURE;
        } catch (BundleException | UpgradeException | ConfigException e) {
            System.err.println("anomaly-hunter: upgrade refused, nothing changed: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        } catch (StoreException e) {
            System.err.println("anomaly-hunter: upgrade refused, nothing changed: " + e.getMessage());
            return RootCommand.FAILURE;
        }
    }

    static void say(String line) {
        System.out.println("upgrade: " + line);
    }

    /** Options shared by upgrade and rollback. */
    static final class Lifecycle {
        @Option(names = "--root", defaultValue = "/", paramLabel = "DIR", description = "Installation root. Default: ${DEFAULT-VALUE}.")
        Path root;

        @Option(names = "--health-timeout", defaultValue = "90s", paramLabel = "DURATION",
                description = "How long the new version has to answer /health. Default: ${DEFAULT-VALUE}.")
        String healthTimeout;

        @Option(names = "--service-command", paramLabel = "CMD",
                description = "Command that stops/starts the service, given 'stop' or 'start' (default: systemctl).")
        String serviceCommand;

        static AppConfig config(InstallLayout layout) throws ConfigException {
            // Metric names are the daemon's business here; only storage and http matter.
            return new ConfigLoader(name -> true).load(layout.config());
        }

        Upgrader upgrader(InstallLayout layout, AppConfig config) throws UpgradeException {
            Duration timeout = DurationText.parse(healthTimeout)
                    .orElseThrow(() -> new UpgradeException("--health-timeout '" + healthTimeout + "' is not a duration"));
            List<String> cmd = serviceCommand == null ? CommandServiceControl.SYSTEMD
                    : Arrays.asList(serviceCommand.trim().split("\\s+"));
            return new Upgrader(layout, new CommandServiceControl(cmd),
                    new HttpHealthProbe(config.http().host(), config.http().port()), timeout, UpgradeCommand::say,
                    InstantSource.system());
        }
    }
}
