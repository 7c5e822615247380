package io.anomalyhunter.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Path;

/**
 * Loads a GGUF model and generates a few tokens; run only inside the model worker process. Returns one
 * JSON line for the parent.
 */
public final class LlamaProbe {
    private LlamaProbe() {
    }

    public static String run(Path model) {
        // llama.cpp is chatty on stderr; keep only its errors.
        LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> {
            if (level == LogLevel.ERROR) {
                System.err.print(msg);
            }
        });
        long t0 = System.nanoTime();
        ModelParameters params = new ModelParameters().setModel(model.toString()).setCtxSize(256).setThreads(2)
                .setGpuLayers(0);
        try (LlamaModel m = new LlamaModel(params)) {
            String text = m.complete(new InferenceParameters("Once upon a time").setNPredict(8).setTemperature(0f)
                    .setSeed(1));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return "{\"ok\":true,\"millis\":" + ms + ",\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n") + "\"}";
        }
    }
}
