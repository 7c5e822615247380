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

    /** Stops collectors that run threads of their own (packet capture). */
    public void close() {
        for (Collector c : collectors) {
            if (c instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    java.util.logging.Logger.getLogger(CollectorSet.class.getName())
                            .warning("collector " + c.state().name() + " did not stop cleanly: " + e);
                }
            }
        }
    }
}
