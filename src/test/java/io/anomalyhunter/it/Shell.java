package io.anomalyhunter.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and keeps its exit code and combined output. */
final class Shell {
    private Shell() {
    }

    record Result(int exit, String output) {
    }

    static Result run(Path cwd, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 300 s");
        }
        return new Result(p.exitValue(), out);
    }

    static Result sh(Path cwd, String script) throws IOException, InterruptedException {
        return run(cwd, List.of("bash", "-c", script));
    }
}
