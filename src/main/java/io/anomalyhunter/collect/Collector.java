package io.anomalyhunter.collect;

import io.anomalyhunter.pipeline.SampleSink;
import java.time.Instant;

/**
 * Observes one source and hands samples to a sink. {@link #collect} is called on a schedule from one
 * thread; it must not block for long. A collector that finds it cannot run here says so in
 * {@link #state()} instead of throwing.
 */
public interface Collector {
    CollectorState state();

    /** Takes one reading at {@code now} and passes it to {@code sink}. */
    void collect(Instant now, SampleSink sink);
}
