package io.anomalyhunter.bench;

import io.anomalyhunter.classifier.KddData;
import io.anomalyhunter.classifier.KddReader;
import io.anomalyhunter.classifier.ModelDirectory;
import io.anomalyhunter.classifier.TrafficModel;
import io.anomalyhunter.classifier.TrafficModelFiles;
import io.anomalyhunter.classifier.TrafficTraining;
import io.anomalyhunter.forest.RandomForest;
import io.anomalyhunter.forest.TreeShap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * anomaly-hunter bench classifier: the shipped traffic classifier's batch rows/s through ONNX Runtime on N
 * threads, with our Java walk of the same trees as the peer in the same run; single-record latency (p50, p99);
 * TreeSHAP time per row; and, with --train, the training time.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Traffic classifier: batch rows/s (ONNX Runtime vs the Java trees), single-record latency, TreeSHAP, training time.")
public final class ClassifierBench implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "NSL-KDD rows (KDDTrain+.txt).")
    Path data;

    @Option(names = "--threads", defaultValue = "2", description = "Scoring threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per throughput run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(names = "--batch", defaultValue = "4096", description = "Rows per ONNX Runtime call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--train", description = "Also time training the shipped recipe on --data.")
    boolean train;

    @Override
    public Integer call() throws Exception {
        KddData rows = KddReader.read(data);
        System.out.printf(Locale.ROOT, "%d rows from %s; %d threads, batches of %d, %d available processors%n", rows.size(),
                data, threads, batch, Runtime.getRuntime().availableProcessors());
        try (TrafficModel model = TrafficModelFiles.load(ModelDirectory.locate())) {
            float[][] all = rows.rows();
            throughput("onnxruntime", all, chunk -> model.predict(chunk, 0).size());
            RandomForest trees = model.forest();
            throughput("java trees", all, chunk -> {
                for (float[] r : chunk) {
                    trees.probabilities(r);
                }
                return chunk.length;
            });
            latency(model, all);
            long t0 = System.nanoTime();
            int shapRows = 300;
            for (int i = 0; i < shapRows; i++) {
                TreeShap.explain(trees, all[i]);
            }
            System.out.printf(Locale.ROOT, "treeshap: %.1f ms per row (exact, %d trees, 1 thread)%n",
                    (System.nanoTime() - t0) / 1e6 / shapRows, trees.trees().size());
        }
        if (train) {
            long t0 = System.nanoTime();
            TrafficTraining.Result r = TrafficTraining.train(rows, 42);
            System.out.printf(Locale.ROOT, "training: %.1f s for %d rows (%d trees, importances over %d validation rows), "
                    + "validation accuracy %.4f%n", (System.nanoTime() - t0) / 1e9, r.trainingRows(), r.params().trees(),
                    Math.min(1000, r.validation().rows()), r.validation().accuracy());
        }
        return CommandLine.ExitCode.OK;
    }

    private interface Scorer {
        int score(float[][] chunk);
    }

    private void throughput(String name, float[][] all, Scorer scorer) throws Exception {
        List<float[][]> chunks = new ArrayList<>();
        for (int i = 0; i < all.length; i += batch) {
            chunks.add(Arrays.copyOfRange(all, i, Math.min(all.length, i + batch)));
        }
        scorer.score(chunks.get(0)); // warm up
        AtomicLong scored = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            running.add(pool.submit(() -> {
                for (int i = offset; System.nanoTime() < deadline; i += threads) {
                    scored.addAndGet(scorer.score(chunks.get(i % chunks.size())));
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%-12s %,12.0f rows/s on %d threads%n", name, scored.get() / elapsed, threads);
    }

    private static void latency(TrafficModel model, float[][] all) {
        int n = 20_000;
        long[] took = new long[n];
        for (int i = 0; i < 2000; i++) {
            model.predict(new float[][] {all[i]}, 0);
        }
        for (int i = 0; i < n; i++) {
            float[][] one = {all[i % all.length]};
            long t0 = System.nanoTime();
            model.predict(one, 0);
            took[i] = System.nanoTime() - t0;
        }
        Arrays.sort(took);
        System.out.printf(Locale.ROOT, "single record (onnxruntime): p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d calls%n",
                took[n / 2] / 1e6, took[n * 99 / 100] / 1e6, took[n - 1] / 1e6, n);
    }
}
