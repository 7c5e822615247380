package io.anomalyhunter.cli;

import io.anomalyhunter.soak.ConfigFuzz;
import io.anomalyhunter.soak.SoakSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter bench soak: the soak and fault suite (docs/reliability.md). */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak and fault suite: kill -9 loops, a full disk (root), idle connections, a log-flood request, "
                + "config fuzzing. Prints what it tried and what was lost; exit 1 if anything was.")
final class SoakCommand implements Callable<Integer> {
    @Option(names = "--work", defaultValue = "soak-work", description = "Work directory. Default: ${DEFAULT-VALUE}.")
    Path work;

    @Option(names = "--kills", defaultValue = "5", description = "kill -9s in the loop. Default: ${DEFAULT-VALUE}.")
    int kills;

    @Option(names = "--connections", defaultValue = "20000", description = "Idle connections. Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--requests", defaultValue = "10000", description = "Log-flood requests. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--configs", defaultValue = "1000", description = "Fuzzed configs. Default: ${DEFAULT-VALUE}.")
    int configs;

    @Option(names = "--seed", defaultValue = "1", description = "Fuzzing seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--only", split = ",", description = "Run only these: kill, disk, idle, flood, fuzz.")
    List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SoakSuite suite = new SoakSuite(self(), SoakCommand::checkConfig);
        long lost = suite.run(new SoakSuite.Settings(kills, connections, requests, configs, seed, only), work.toAbsolutePath());
        return lost == 0 ? RootCommand.OK : RootCommand.FAILURE;
    }

    /** The command line that started this process, up to "bench": java and its options and jar, or the native binary. */
    static List<String> self() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().orElseThrow(() -> new IllegalStateException("cannot tell how this process was started")));
        for (String a : info.arguments().orElse(new String[0])) {
            if (a.equals("bench")) {
                break;
            }
            cmd.add(a);
        }
        return cmd;
    }

    /** check-config in this process, its output captured (the fuzzer runs a thousand; a JVM start each is too slow). */
    private static synchronized ConfigFuzz.Checked checkConfig(Path file) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            int exit = RootCommand.execute("check-config", file.toString());
            return new ConfigFuzz.Checked(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Holds idle connections for the idle-connection scenario until stdin closes (a child of the suite). */
    @Command(name = "soak-hold", hidden = true)
    static final class Hold implements Callable<Integer> {
        @Parameters(index = "0")
        int port;

        @Parameters(index = "1")
        int count;

        @Override
        public Integer call() throws IOException {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    held.add(s);
                } catch (IOException e) {
                    // counted by what is held
                }
            }
            System.out.println("opened " + held.size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the suite closes our stdin
            }
            for (Socket s : held) {
                s.close();
            }
            return RootCommand.OK;
        }
    }
}
