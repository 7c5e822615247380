package io.anomalyhunter.cli;

import io.anomalyhunter.rca.LlamaProbe;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The model worker process (internal): for now only --probe, used by doctor. */
@Command(name = "llm-worker", hidden = true, description = "Internal: runs the LLM in a separate process.")
final class LlmWorkerCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--probe", description = "Load the model, generate a few tokens, print one JSON line.")
    boolean probe;

    @Override
    public Integer call() {
        System.out.println(LlamaProbe.run(model));
        System.out.flush();
        return RootCommand.OK;
    }
}
