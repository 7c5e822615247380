package io.anomalyhunter.pipeline;

import io.anomalyhunter.detect.AnomalyChange;
import io.anomalyhunter.incident.IncidentChange;

/**
 * Told of anomalies and incidents as the pipeline finds them. Called on the pipeline's thread with its
 * lock held: implementations must return quickly and must not call back into the pipeline.
 */
public interface PipelineListener {
    void onAnomaly(AnomalyChange change);

    void onIncident(IncidentChange change);

    /** Something changed on the host (the change feed); most listeners do not care. */
    default void onChange(io.anomalyhunter.change.Change change) {
    }
}
