package io.anomalyhunter.classifier;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The traffic classifier in service: the model loaded from a directory, replaced only by one that loads.
 * A reload whose files are refused (sha256, version, features, ONNX Runtime) keeps the previous model
 * serving and says why; the refused one is never half-installed.
 */
public final class TrafficClassifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("TrafficClassifier");
    private final AtomicReference<TrafficModel> current = new AtomicReference<>();
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();
    private final Path directory;
    /** Models replaced by a reload; small, and a reload is an operator's act, so they wait for {@link #close}. */
    private final java.util.List<TrafficModel> retired = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A classifier that reads its model from {@code directory}; nothing is loaded until {@link #reload()}. */
    public TrafficClassifier(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Loads the model in the directory again; on refusal the model in service (if any) stays. */
    public synchronized boolean reload() {
        Path dir = directory;
        try {
            TrafficModel fresh = TrafficModelFiles.load(dir);
            TrafficModel old = current.getAndSet(fresh);
            lastRefusal.set(null);
            LOG.infof("traffic classifier %s loaded from %s (sha256 %s)", fresh.metadata().path("version").asText(),
                    dir, fresh.sha256().substring(0, 12));
            if (old != null) {
                retired.add(old); // a capture thread or a request may still be scoring with it: closed at the end
            }
            return true;
        } catch (ModelLoadException e) {
            lastRefusal.set(e.getMessage());
            LOG.warnf("traffic classifier refused: %s%s", e.getMessage(),
                    current.get() == null ? "; no traffic classifier in service" : "; the previous model stays in service");
            return false;
        }
    }

    public Optional<TrafficModel> model() {
        return Optional.ofNullable(current.get());
    }

    /** Why the last load was refused, if it was. */
    public Optional<String> lastRefusal() {
        return Optional.ofNullable(lastRefusal.get());
    }

    @Override
    public void close() {
        TrafficModel m = current.getAndSet(null);
        if (m != null) {
            m.close();
        }
        retired.forEach(TrafficModel::close);
        retired.clear();
    }
}
