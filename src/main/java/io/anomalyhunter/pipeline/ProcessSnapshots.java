package io.anomalyhunter.pipeline;

import java.util.List;

/** Takes a snapshot of the busiest processes (blocking for its short measurement window). */
public interface ProcessSnapshots {
    /** The {@code n} busiest processes, by CPU, then memory. */
    List<ProcessUsage> top(int n);
}
