package io.anomalyhunter.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Loads the GGUF model with java-llama.cpp and generates a few tokens, in a child process: a model or
 * grammar llama.cpp cannot handle aborts the whole process, and its native thread keeps a JVM alive,
 * so the model never runs inside the daemon or the doctor itself.
 */
public final class LlamaCheck implements DoctorCheck {
    private final Optional<Path> model;
    private final List<String> workerCommand;
    private final Duration timeout;

    /** @param workerCommand the command that runs "llm-worker --probe --model FILE" of this same build */
    public LlamaCheck(Optional<Path> model, List<String> workerCommand, Duration timeout) {
        this.model = model;
        this.workerCommand = List.copyOf(workerCommand);
        this.timeout = timeout;
    }

    @Override
    public CheckResult run() {
        if (model.isEmpty()) {
            return CheckResult.skip("llama", "no model configured (llm.model or --llm-model); RCA reports are rule-based");
        }
        Path m = model.get();
        if (!Files.isReadable(m)) {
            return CheckResult.fail("llama", m + ": model file missing or unreadable");
        }
        List<String> cmd = new ArrayList<>(workerCommand);
        cmd.addAll(List.of("llm-worker", "--probe", "--model", m.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return CheckResult.fail("llama", "the model worker did not answer within " + timeout.toSeconds() + " s");
            }
            // llama.cpp writes some lines of its own to stdout; the answer is the last JSON line.
            String out = new String(p.getInputStream().readAllBytes()).lines()
                    .filter(l -> l.startsWith("{\"ok\":")).reduce((a, b) -> b).orElse("");
            String err = new String(p.getErrorStream().readAllBytes()).strip();
            if (p.exitValue() != 0 || !out.startsWith("{\"ok\":true")) {
                String why = err.isEmpty() ? out : err.lines().reduce((a, b) -> b).orElse(err);
                return CheckResult.fail("llama", m.getFileName() + ": worker exit " + p.exitValue() + ": " + why);
            }
            return CheckResult.pass("llama", m.getFileName() + " loaded in a worker process; " + out);
        } catch (IOException e) {
            return CheckResult.fail("llama", "cannot start the model worker: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("llama", "interrupted");
        }
    }
}
