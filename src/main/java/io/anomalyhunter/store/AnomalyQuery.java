package io.anomalyhunter.store;

import io.anomalyhunter.detect.Anomaly;
import java.util.Collection;
import java.util.List;

/** Reads stored anomalies. Thread-safe. */
public interface AnomalyQuery {
    List<Anomaly> find(AnomalyFilter filter);

    List<Anomaly> byIds(Collection<Long> ids);
}
