package io.anomalyhunter.store;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.detect.Anomaly;
import io.anomalyhunter.detect.state.BaselineState;
import io.anomalyhunter.incident.Incident;
import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.series.Rollup;
import io.anomalyhunter.series.Sample;
import io.anomalyhunter.series.SeriesKey;
import java.util.List;
import java.util.Map;

/** One unit of work for the store's writer thread. */
public sealed interface StoreWrite {
    /** Raw samples. These are the only writes dropped (and counted) when the writer falls behind. */
    record Samples(List<Sample> samples) implements StoreWrite {
        public Samples {
            samples = List.copyOf(samples);
        }
    }

    record Rollups(List<Rollup> rollups) implements StoreWrite {
        public Rollups {
            rollups = List.copyOf(rollups);
        }
    }

    /** Insert or replace an anomaly by id. */
    record AnomalyRow(Anomaly anomaly) implements StoreWrite {
    }

    /**
     * Insert or replace an incident by id, and enqueue the messages about it in the same transaction: the
     * queue holds a message for every incident change the database holds.
     */
    record IncidentRow(Incident incident, List<QueueItem> enqueue) implements StoreWrite {
        public IncidentRow {
            enqueue = List.copyOf(enqueue);
        }
    }

    /** What changed on the host (the change feed). Never dropped: the root-cause analysis reasons over them. */
    record Changes(List<Change> changes) implements StoreWrite {
        public Changes {
            changes = List.copyOf(changes);
        }
    }

    /** The busiest processes when an anomaly opened (JSON, written by the pipeline), kept with the anomaly. */
    record ProcessSnapshot(long anomalyId, java.time.Instant taken, String json) implements StoreWrite {
    }

    record Baselines(Map<SeriesKey, BaselineState> states) implements StoreWrite {
        public Baselines {
            states = Map.copyOf(states);
        }
    }
}
