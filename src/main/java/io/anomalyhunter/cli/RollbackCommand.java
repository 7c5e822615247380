package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.config.ConfigException;
import io.anomalyhunter.upgrade.InstallLayout;
import io.anomalyhunter.upgrade.UpgradeException;
import io.anomalyhunter.upgrade.Upgrader;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** anomaly-hunter rollback: back to the version before the last upgrade, with its database backup. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to the version before the last upgrade and restore the database backup taken then.",
                "Exit 0 healthy, 1 not healthy, 2 nothing to roll back to."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    UpgradeCommand.Lifecycle lifecycle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InstallLayout layout = new InstallLayout(lifecycle.root);
        try {
            AppConfig config = UpgradeCommand.Lifecycle.config(layout);
            Upgrader.Outcome o = lifecycle.upgrader(layout, config).rollback(layout.underRoot(config.storage().path()));
            return o.healthy() ? RootCommand.OK : RootCommand.FAILURE;
        } catch (UpgradeException | ConfigException e) {
            System.err.println("anomaly-hunter: rollback refused: " + e.getMessage());
            return RootCommand.BAD_INPUT;
        }
    }
}
