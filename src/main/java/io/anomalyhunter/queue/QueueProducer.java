package io.anomalyhunter.queue;

import java.util.List;

/** Puts work on the durable queue. */
public interface QueueProducer {
    /** Enqueues in one transaction; returns how many were new (dedup keys already present are skipped). */
    int enqueue(List<QueueItem> items);
}
