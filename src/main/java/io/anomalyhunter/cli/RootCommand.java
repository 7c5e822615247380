package io.anomalyhunter.cli;

import io.anomalyhunter.config.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** anomaly-hunter: the top command. Exit codes: 0 ok, 1 runtime failure, 2 bad input. */
@Command(name = "anomaly-hunter", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Anomaly detection for isolated Linux hosts.",
        subcommands = {RunCommand.class, CheckConfigCommand.class, StatusCommand.class, AnomaliesCommand.class, ChangesCommand.class,
                IncidentsCommand.class, BundleCommand.class, UpgradeCommand.class, RollbackCommand.class,
                DoctorCommand.class, QueueCommand.class, ReplayCommand.class, DetectCommand.class, EvalCommand.class,
                BenchCommand.class, LlmWorkerCommand.class, TrainCommand.class, EvaluateCommand.class, ClassifyCommand.class,
                AnalyzeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure (daemon unreachable, start failed)",
                "2:bad input (command line, config file, database file)"})
public final class RootCommand implements Runnable {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        SelfCommand.remember(args);
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("anomaly-hunter: " + e.getMessage());
            return FAILURE;
        });
        return cl.execute(args);
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anomaly-hunter " + BuildInfo.version()};
        }
    }
}
