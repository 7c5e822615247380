package io.anomalyhunter.cli;

import io.anomalyhunter.config.AppConfig;
import io.anomalyhunter.llm.LlamaProbe;
import io.anomalyhunter.llm.WorkerLoop;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The model worker process (internal): the daemon starts it to host the GGUF model and talks JSON lines with it on
 * stdin/stdout (docs/rca.md); doctor starts it with --probe.
 */
@Command(name = "llm-worker", hidden = true, description = "Internal: runs the LLM in a separate process.")
final class LlmWorkerCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--threads", description = "CPU threads for the model.")
    int threads = AppConfig.Llm.DEFAULTS.threads();

    @Option(names = "--context", description = "Context size in tokens.")
    int context = AppConfig.Llm.DEFAULTS.context();

    @Option(names = "--probe", description = "Load the model, generate a few tokens, print one JSON line.")
    boolean probe;

    @Override
    public Integer call() {
        if (probe) {
            System.out.println(LlamaProbe.run(model));
            System.out.flush();
            return RootCommand.OK;
        }
        return WorkerLoop.run(model, threads, context, System.in);
    }
}
