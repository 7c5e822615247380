package io.anomalyhunter.queue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Deliveries per topic since start, for /metrics: delivered, retried, dead-lettered, deferred. */
public final class QueueCounters {
    /** What happened to a delivery. */
    public enum Kind { DELIVERED, RETRIED, DEAD, DEFERRED }

    private final Map<String, Map<Kind, AtomicLong>> counts = new ConcurrentHashMap<>();

    void add(String topic, Kind kind, long n) {
        counts.computeIfAbsent(topic, t -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n);
    }

    public long get(String topic, Kind kind) {
        AtomicLong v = counts.getOrDefault(topic, Map.of()).get(kind);
        return v == null ? 0 : v.get();
    }

    public java.util.Set<String> topics() {
        return java.util.Set.copyOf(counts.keySet());
    }
}
