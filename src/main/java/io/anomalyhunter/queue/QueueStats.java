package io.anomalyhunter.queue;

/** One topic's state: waiting (ready or leased), dead, and the age of the oldest waiting message. */
public record QueueStats(String topic, long waiting, long dead, long done, long oldestWaitingAgeMs) {
}
