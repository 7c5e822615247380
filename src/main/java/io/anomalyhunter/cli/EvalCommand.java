package io.anomalyhunter.cli;

import picocli.CommandLine.Command;

/** anomaly-hunter eval: evaluations of the detectors on labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate the detectors on labelled data.",
        subcommands = {NabCommand.class})
final class EvalCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("choose an evaluation: anomaly-hunter eval nab --data DIR");
    }
}
