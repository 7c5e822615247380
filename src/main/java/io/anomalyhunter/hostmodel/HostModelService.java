package io.anomalyhunter.hostmodel;

import io.anomalyhunter.detect.OwnWork;
import io.anomalyhunter.detect.Verdict;
import io.anomalyhunter.detect.VerdictSink;
import io.anomalyhunter.pipeline.SampleSink;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.store.ModelVersion;
import io.anomalyhunter.store.SqliteModelStore;
import io.anomalyhunter.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The on-host multivariate model in the daemon. Every sample passes through (a {@link SampleSink} in front of the
 * pipeline); each interval's feature vector is kept for training and, once a model is in service, scored through
 * ONNX Runtime, its verdict going to the one detection path on {@link HostModelMetrics#SERIES}. The first model is
 * trained once {@code learningPeriod} has been seen, then again every {@code retrainInterval}, on a thread of its own
 * (the collectors never wait for it); every version is stored, and a restart scores with the newest one.
 */
public final class HostModelService implements SampleSink, AutoCloseable {
    public static final String NAME = "host-model";
    public static final String DETECTOR = "isolation_forest";
    private static final Logger LOG = Logger.getLogger("HostModel");
    /** Intervals kept for training: 4,096 of a few hundred series is a few megabytes. */
    static final int BUFFER = 4096;
    private static final int TOP_MOVED = 3;
    /**
     * An interval this many times farther out than any training interval, along some feature or principal
     * component, is anomalous whatever its isolation score: the forest cannot score a row beyond its training range
     * much above the most extreme training row (see IsolationForest).
     */
    static final double ENVELOPE_LIMIT = 2.0;
    /** Unusual intervals in a row before the verdict is anomalous. */
    static final int IN_A_ROW = 2;

    private final SampleSink next;
    private final boolean enabled;
    private final VerdictSink verdicts;
    private final SqliteModelStore store;
    private final Duration learningPeriod;
    private final Duration retrainInterval;
    private final Instant settleUntil;
    private final OwnWork ownWork;
    private final WindowVectors windows;
    private final TrainingBuffer buffer = new TrainingBuffer(BUFFER);
    private final ExecutorService training = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "host-model-training");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private HostModel model;
    private boolean trainingRunning;
    private int unusualInARow;
    /** Intervals since the last training attempt that gave no model: wait for more before trying again. */
    private int sinceRefusal = Integer.MAX_VALUE;
    private String lastTraining = "";

    /** What the API shows of the model in service, or of the learning before the first one. */
    public record Status(boolean enabled, Optional<ModelVersion> version, Optional<Instant> loaded, int features, double threshold,
                         int intervalsBuffered, String lastTraining) {
    }

    /** @param enabled false: samples only pass through (detection.host_model.enabled=false) */
    public HostModelService(boolean enabled, SampleSink next, VerdictSink verdicts, SqliteModelStore store, Duration interval,
                            Duration learningPeriod, Duration retrainInterval) {
        this(enabled, next, verdicts, store, interval, learningPeriod, retrainInterval, Instant.MIN, OwnWork.NONE);
    }

    /**
     * {@code settleUntil}: intervals that end before it are neither learned nor scored (the daemon's own start, as
     * for the baselines; a model trained on a minute that held it flagged the quiet host after it). Each training
     * is marked as {@code ownWork}: its CPU is the daemon's, not the host's.
     */
    public HostModelService(boolean enabled, SampleSink next, VerdictSink verdicts, SqliteModelStore store, Duration interval,
                            Duration learningPeriod, Duration retrainInterval, Instant settleUntil, OwnWork ownWork) {
        this.settleUntil = settleUntil;
        this.ownWork = ownWork;
        this.enabled = enabled;
        this.next = next;
        this.verdicts = verdicts;
        this.store = store;
        this.windows = new WindowVectors(interval);
        this.learningPeriod = learningPeriod;
        this.retrainInterval = retrainInterval;
    }

    /** Opens the newest stored version, if there is one that opens; otherwise the host model learns from scratch. */
    public synchronized void load(Instant now) {
        if (!enabled) {
            LOG.info("host model: off (detection.host_model.enabled=false)");
            return;
        }
        try {
            Optional<ModelVersion> latest = store.latest(NAME);
            if (latest.isEmpty()) {
                LOG.infof("host model: none stored yet; learning for %s before the first", text(learningPeriod));
                return;
            }
            install(HostModel.open(latest.get(), now));
            LOG.infof("host model v%d in service (%d series, threshold %.2f, trained %s)", model.version().version(),
                    model.space().features().size(), model.threshold(), model.version().created());
        } catch (HostModelException e) {
            LOG.warnf("host model: the stored %s; learning again", e.getMessage());
        } catch (StoreException e) {
            LOG.warnf("host model: cannot read the stored versions (%s); learning again", e.getMessage());
        }
    }

    @Override
    public void accept(List<Sample> batch) {
        next.accept(batch);
        if (!enabled) {
            return;
        }
        Optional<WindowVectors.Window> closed;
        synchronized (this) {
            closed = windows.add(batch);
            closed.ifPresent(this::interval);
        }
    }

    private void interval(WindowVectors.Window w) {
        if (w.end().isBefore(settleUntil)) {
            return;
        }
        buffer.add(w);
        sinceRefusal = sinceRefusal == Integer.MAX_VALUE ? sinceRefusal : sinceRefusal + 1;
        if (model != null) {
            score(w);
        }
        if (dueForTraining(w.end())) {
            startTraining(w.end());
        }
    }

    private void score(WindowVectors.Window w) {
        HostModel.Scored s;
        try {
            s = model.score(w);
        } catch (HostModelException e) {
            LOG.warnf("host model v%d: %s", model.version().version(), e.getMessage());
            return;
        }
        double score = Math.max(0, Math.min(1, s.score()));
        double t = model.threshold();
        boolean isolated = score >= t;
        boolean outside = s.envelopeRatio() >= ENVELOPE_LIMIT;
        // one odd interval is noise (a daemon measured with a one-minute learning period opened two anomalies in
        // five quiet minutes that way); two in a row is a state
        unusualInARow = isolated || outside ? unusualInARow + 1 : 0;
        boolean anomalous = unusualInARow >= IN_A_ROW;
        double confidence = !anomalous ? 0 : 0.5 + 0.5 * Math.max(isolated ? Math.min(1, (score - t) / (1 - t)) : 0,
                outside ? Math.min(1, (s.envelopeRatio() - ENVELOPE_LIMIT) / ENVELOPE_LIMIT) : 0);
        // what moved comes first: an incident this anomaly opens is titled from it, and the operator needs the series
        // (a CPU burn's incident was titled by the score alone when the model flagged it before the CPU detector)
        String reason = anomalous ? String.format(Locale.ROOT, "moved most: %s; isolation forest v%d scored %.2f "
                        + "(threshold %.2f), %.1f× the training envelope (limit %.1f)",
                model.space().moved(s.vector(), TOP_MOVED).stream().map(FeatureSpace.Moved::text)
                        .collect(Collectors.joining("; ")), model.version().version(), score, t,
                s.envelopeRatio(), ENVELOPE_LIMIT) : "";
        verdicts.verdict(HostModelMetrics.SERIES, DETECTOR, w.end(), score,
                new Verdict(anomalous, score, confidence, 0, t, reason));
    }

    private boolean dueForTraining(Instant now) {
        if (trainingRunning || buffer.size() < HostModelTrainer.MIN_WINDOWS || sinceRefusal < HostModelTrainer.MIN_WINDOWS) {
            return false;
        }
        if (model == null) {
            return buffer.first().map(f -> !f.plus(learningPeriod).isAfter(now)).orElse(false);
        }
        // after a restart the buffer is new: retrain once it covers the span a training reads (the model in service
        // scores meanwhile); a shorter run could take half a daily cycle for a trend
        return !model.version().created().plus(retrainInterval).isAfter(now)
                && buffer.first().map(f -> !f.plus(trainingSpan()).isAfter(now)).orElse(false);
    }

    /** Retraining reads the recent past: the learning period, or the retraining interval if that is longer. */
    private Duration trainingSpan() {
        return learningPeriod.compareTo(retrainInterval) > 0 ? learningPeriod : retrainInterval;
    }

    private void startTraining(Instant now) {
        buffer.forgetBefore(now.minus(trainingSpan()));
        List<WindowVectors.Window> data = buffer.windows();
        trainingRunning = true;
        training.execute(() -> train(data, now));
    }

    /** On the training thread: train, store, then swap the model in service under the lock. */
    private void train(List<WindowVectors.Window> data, Instant now) {
        long t0 = System.nanoTime();
        try (OwnWork.Span ignored = ownWork.begin()) {
            HostModelTrainer.Trained t = HostModelTrainer.train(data, now);
            ModelVersion saved = store.save(NAME, now, t.sha256(), t.metadata(), t.onnx());
            HostModel fresh = HostModel.open(saved, Instant.now());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            synchronized (this) {
                HostModel old = model;
                install(fresh);
                trainingRunning = false;
                sinceRefusal = Integer.MAX_VALUE;
                lastTraining = String.format(Locale.ROOT, "v%d on %d intervals, %d series, %d ms", saved.version(),
                        data.size(), t.space().features().size(), ms);
                if (old != null) {
                    old.close();
                }
            }
            LOG.infof("host model v%d trained on %d intervals (%d series) in %d ms; threshold %.2f", saved.version(),
                    data.size(), t.space().features().size(), ms, t.threshold());
        } catch (HostModelTrainer.NotEnoughData e) {
            refused("not trained: " + e.getMessage());
        } catch (HostModelException | StoreException e) {
            refused("training failed: " + e.getMessage());
        } catch (RuntimeException e) {
            refused("training failed: " + e);
        }
    }

    private synchronized void refused(String why) {
        trainingRunning = false;
        sinceRefusal = 0;
        lastTraining = why;
        LOG.warnf("host model %s; trying again after %d more intervals", why, HostModelTrainer.MIN_WINDOWS);
    }

    private void install(HostModel fresh) {
        model = fresh;
    }

    public synchronized Status status() {
        return new Status(enabled, model == null ? Optional.empty() : Optional.of(model.version()),
                model == null ? Optional.empty() : Optional.of(model.loaded()),
                model == null ? 0 : model.space().features().size(), model == null ? Double.NaN : model.threshold(),
                buffer.size(), lastTraining);
    }

    /** Kept versions, newest first, without their bytes. */
    public List<ModelVersion> versions() {
        return store.versions(NAME);
    }

    @Override
    public synchronized void close() {
        training.shutdownNow();
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
