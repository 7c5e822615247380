package io.anomalyhunter.store;

import io.anomalyhunter.incident.IncidentChange;
import io.anomalyhunter.incident.IncidentMessage;

/**
 * Records an incident change: the incident's row and the message that carries the change to the queue's
 * consumers (alerting now, root-cause analysis next), in one transaction, so neither is ever stored without
 * the other.
 */
public final class IncidentRecorder {
    private final StoreWriter writer;

    public IncidentRecorder(StoreWriter writer) {
        this.writer = writer;
    }

    public void record(IncidentChange change) {
        writer.submit(new StoreWrite.IncidentRow(change.incident(), IncidentMessage.queueItems(change)));
    }
}
