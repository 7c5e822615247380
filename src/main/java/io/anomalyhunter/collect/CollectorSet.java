package io.anomalyhunter.collect;

import java.util.List;

/** The collectors this daemon runs (including those that disabled themselves, so their state can be shown). */
public record CollectorSet(List<Collector> collectors) {
    public CollectorSet {
        collectors = List.copyOf(collectors);
    }

    public List<CollectorState> states() {
        return collectors.stream().map(Collector::state).toList();
    }
}
