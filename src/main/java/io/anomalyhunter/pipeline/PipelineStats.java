package io.anomalyhunter.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/** The pipeline's own counters, exported on /metrics. Written by the pipeline only; read by anyone. */
public final class PipelineStats {
    private final AtomicLong samplesIngested = new AtomicLong();
    private final AtomicLong anomaliesOpened = new AtomicLong();
    private final AtomicLong incidentsOpened = new AtomicLong();
    private final AtomicLong detectorNanos = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    /** One batch of samples went through the detectors in {@code nanos}. */
    void batchDone(int samples, long nanos) {
        detectorNanos.addAndGet(nanos);
        samplesIngested.addAndGet(samples);
        batches.incrementAndGet();
    }

    void anomalyOpened() {
        anomaliesOpened.incrementAndGet();
    }

    void incidentOpened() {
        incidentsOpened.incrementAndGet();
    }

    public long samplesIngested() {
        return samplesIngested.get();
    }

    public long anomaliesOpened() {
        return anomaliesOpened.get();
    }

    public long incidentsOpened() {
        return incidentsOpened.get();
    }

    public long detectorNanos() {
        return detectorNanos.get();
    }

    public long batches() {
        return batches.get();
    }
}
