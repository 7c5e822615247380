package io.anomalyhunter.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import de.kherud.llama.args.LogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model worker's body (anomaly-hunter llm-worker): loads the model, says so, then answers requests one line at a
 * time until stdin closes. Runs only in the child process: llama.cpp aborts the process on a grammar the model cannot
 * satisfy, and its native thread keeps a JVM alive after main.
 */
public final class WorkerLoop {
    /** Schemas already turned into grammars (the agents reuse theirs on every report). */
    private static final int GRAMMARS = 16;
    private final LlamaModel model;
    private final int context;
    private final Map<String, String> grammars = new LinkedHashMap<>(GRAMMARS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > GRAMMARS;
        }
    };

    private WorkerLoop(LlamaModel model, int context) {
        this.model = model;
        this.context = context;
    }

    /** Serves requests from {@code in} until it closes; returns the exit status. */
    public static int run(Path file, int threads, int context, InputStream in) {
        OutputStream replies = NativeStdout.takeForReplies();
        LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> {
            if (level == LogLevel.ERROR) {
                System.err.print(msg);
            }
        });
        long t0 = System.nanoTime();
        LlamaModel model;
        try {
            model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(context).setThreads(threads)
                    .setGpuLayers(0));
        } catch (RuntimeException e) {
            write(replies, WorkerProtocol.Reply.failed(0, file + ": the model did not load: " + e.getMessage()));
            return 1;
        }
        try (model) {
            write(replies, new WorkerProtocol.Reply(0, true, file.getFileName().toString(), "", 0, 0, 0,
                    (System.nanoTime() - t0) / 1_000_000));
            new WorkerLoop(model, context).serve(in, replies);
        } catch (IOException e) {
            System.err.println("llm-worker: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private void serve(InputStream in, OutputStream replies) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            WorkerProtocol.Request r;
            try {
                r = WorkerProtocol.decodeRequest(line);
            } catch (IOException e) {
                write(replies, WorkerProtocol.Reply.failed(-1, "not a request: " + e.getMessage()));
                continue;
            }
            write(replies, answer(r));
        }
    }

    private WorkerProtocol.Reply answer(WorkerProtocol.Request r) {
        long t0 = System.nanoTime();
        try {
            String grammar = grammars.computeIfAbsent(r.schema(), s -> Grammars.compact(LlamaModel.jsonSchemaToGrammar(s)));
            int kept = r.lines().size();
            String prompt = prompt(r, kept);
            int tokens = model.encode(prompt).length;
            // Drop lines from the end until the prompt leaves room for the answer; halve first, then one by one.
            while (tokens + r.maxTokens() > context && kept > 0) {
                kept = tokens + r.maxTokens() > 2 * context ? kept / 2 : kept - 1;
                prompt = prompt(r, kept);
                tokens = model.encode(prompt).length;
            }
            if (tokens + r.maxTokens() > context) {
                return WorkerProtocol.Reply.failed(r.id(), "the prompt's " + tokens + " tokens leave no room for "
                        + r.maxTokens() + " answer tokens in a context of " + context + " (models.llm.context)");
            }
            String text = model.complete(new InferenceParameters(prompt).setGrammar(grammar).setNPredict(r.maxTokens())
                    .setTemperature(0f).setSeed(1).setCachePrompt(false));
            return new WorkerProtocol.Reply(r.id(), true, text, "", tokens, model.encode(text).length, r.lines().size() - kept,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            return WorkerProtocol.Reply.failed(r.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The model's own chat template around the system message and the user's (head, the first lines, tail). */
    private String prompt(WorkerProtocol.Request r, int lines) {
        StringBuilder user = new StringBuilder(r.head());
        for (String l : r.lines().subList(0, lines)) {
            user.append('\n').append(l);
        }
        user.append('\n').append(r.tail());
        return model.applyTemplate(new InferenceParameters("").setMessages(r.system(), List.of(new Pair<>("user", user.toString()))));
    }

    private static void write(OutputStream out, WorkerProtocol.Reply reply) {
        try {
            out.write((WorkerProtocol.encode(reply) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the daemon closed the reply stream", e);
        }
    }
}
