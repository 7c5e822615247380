package io.anomalyhunter.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.store.StoreWrite;
import io.anomalyhunter.store.StoreWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * When an anomaly opens, the busiest processes (CPU, memory, IO, and their container or service) are taken and
 * stored with it, for the root-cause analysis. Taken off the pipeline's thread; anomalies that open together
 * (within {@link #SHARE}) share one snapshot, so a burst of anomalies costs one.
 */
public final class SnapshotOnOpen implements PipelineListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SnapshotOnOpen.class.getName());
    static final int TOP = 15;
    static final Duration SHARE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final ProcessSnapshots processes;
    private final StoreWriter writer;
    private final InstantSource clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "process-snapshot");
        t.setDaemon(true);
        return t;
    });
    private Instant lastTaken = Instant.MIN;
    private String lastJson;
    private boolean failedLogged;

    public SnapshotOnOpen(ProcessSnapshots processes, StoreWriter writer, InstantSource clock) {
        this.processes = processes;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void onAnomaly(AnomalyChange change) {
        if (change.kind() != AnomalyChange.Kind.OPENED) {
            return;
        }
        long id = change.anomaly().id();
        try {
            worker.execute(() -> snapshot(id));
        } catch (RejectedExecutionException e) {
            // stopping: no snapshot for an anomaly opened during shutdown
        }
    }

    private void snapshot(long anomalyId) {
        Instant now = clock.instant();
        try {
            if (lastJson == null || now.isAfter(lastTaken.plus(SHARE))) {
                lastJson = json(new ArrayList<>(processes.top(TOP)));
                lastTaken = now;
            }
            writer.submit(new StoreWrite.ProcessSnapshot(anomalyId, lastTaken, lastJson));
            failedLogged = false;
        } catch (JsonProcessingException | RuntimeException e) {
            if (!failedLogged) {
                LOG.warning("cannot take the process snapshot for anomaly " + anomalyId + ": " + e);
                failedLogged = true;
            }
        }
    }

    @Override
    public void onIncident(IncidentChange change) {
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** A snapshot as the store keeps it. */
    public static String json(List<ProcessUsage> processes) throws JsonProcessingException {
        return JSON.writeValueAsString(processes);
    }

    /** Reads a stored snapshot back. */
    public static List<ProcessUsage> parse(String json) throws JsonProcessingException {
        return List.of(JSON.readValue(json, ProcessUsage[].class));
    }
}
