package io.anomalyhunter.daemon;

import io.anomalyhunter.collect.Collector;
import io.anomalyhunter.collect.CollectorState;
import io.anomalyhunter.pipeline.SampleSink;
import java.time.Instant;

/** Stands in for a collector switched off in the config, so /health still lists it and why. */
record DisabledCollector(CollectorState state) implements Collector {
    @Override
    public void collect(Instant now, SampleSink sink) {
        // switched off
    }
}
