package io.anomalyhunter.cli;

import java.util.Arrays;
import java.util.List;

/**
 * The command line that started this process, minus our own arguments: the way to run this same build
 * again as a child (JVM: java, its options and -jar; native: the executable and its -D options).
 */
final class SelfCommand {
    private static volatile String[] mainArgs = new String[0];

    private SelfCommand() {
    }

    /** Keeps our arguments, and publishes the command that runs this build for those outside the CLI (the daemon). */
    static void remember(String[] args) {
        mainArgs = args.clone();
        try {
            System.setProperty(io.anomalyhunter.llm.WorkerProcess.SELF_COMMAND_PROPERTY,
                    String.join(io.anomalyhunter.llm.WorkerProcess.SELF_SEPARATOR, prefix()));
        } catch (IllegalStateException e) {
            // no view of our own command line: nothing can start a worker of this build
        }
    }

    static List<String> prefix() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String command = info.command().orElseThrow(() -> new IllegalStateException("cannot see this process's command"));
        String[] all = info.arguments().orElse(new String[0]);
        int keep = Math.max(0, all.length - mainArgs.length);
        String[] head = Arrays.copyOf(all, keep);
        String[] cmd = new String[head.length + 1];
        cmd[0] = command;
        System.arraycopy(head, 0, cmd, 1, head.length);
        return List.of(cmd);
    }
}
