package io.anomalyhunter.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/** The pipeline's own counters, exported on /metrics. */
public final class PipelineStats {
    public final AtomicLong samplesIngested = new AtomicLong();
    public final AtomicLong anomaliesOpened = new AtomicLong();
    public final AtomicLong incidentsOpened = new AtomicLong();
    public final AtomicLong detectorNanos = new AtomicLong();
    public final AtomicLong batches = new AtomicLong();
}
