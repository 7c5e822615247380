package io.anomalyhunter.pipeline;

import io.anomalyhunter.change.Change;
import io.anomalyhunter.change.ChangeSink;
import io.anomalyhunter.store.StoreWrite;
import io.anomalyhunter.store.StoreWriter;
import java.time.Instant;
import java.util.List;

/** Stores each change (the writer batches them) and tells the listeners (the event stream publishes it). */
public final class ChangeRecorder implements ChangeSink {
    private final StoreWriter writer;
    private final List<PipelineListener> listeners;
    private final ChangeSink watchers;

    /** @param watchers detectors over changes (container trouble), told of every change and tick */
    public ChangeRecorder(StoreWriter writer, List<PipelineListener> listeners, ChangeSink watchers) {
        this.writer = writer;
        this.listeners = List.copyOf(listeners);
        this.watchers = watchers;
    }

    @Override
    public void change(Change change) {
        writer.submit(new StoreWrite.Changes(List.of(change)));
        for (PipelineListener l : listeners) {
            l.onChange(change);
        }
        watchers.change(change);
    }

    @Override
    public void tick(Instant now) {
        watchers.tick(now);
    }
}
