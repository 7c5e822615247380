package io.anomalyhunter.pipeline;

import io.anomalyhunter.series.Sample;
import java.util.List;

/**
 * Where collectors hand their samples. Contract: thread-safe (several collectors call it); returns
 * without waiting on disk or the LLM; the batch is not kept or changed after the call, and samples
 * within a batch share one collection time.
 */
public interface SampleSink {
    void accept(List<Sample> batch);
}
