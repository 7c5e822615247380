package io.anomalyhunter.store;

import java.time.Instant;

/** One step of a series read back from the store: mean, min and max of the samples in the step. */
public record SeriesPoint(Instant time, double mean, double min, double max) {
}
