package io.anomalyhunter.change;

import java.time.Instant;

/** Where the sources of changes hand them. Thread-safe; returns without waiting on disk. */
public interface ChangeSink {
    void change(Change change);

    /** Time passed without changes (sources call it every poll), so watchers of changes can conclude quiet. */
    default void tick(Instant now) {
    }

    /** Several sinks as one: each hears every change and tick. */
    static ChangeSink all(java.util.List<ChangeSink> sinks) {
        java.util.List<ChangeSink> copy = java.util.List.copyOf(sinks);
        return new ChangeSink() {
            @Override
            public void change(Change change) {
                copy.forEach(s -> s.change(change));
            }

            @Override
            public void tick(Instant now) {
                copy.forEach(s -> s.tick(now));
            }
        };
    }
}
