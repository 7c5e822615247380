package io.anomalyhunter.queue;

/**
 * The whole durable queue, as its implementation (the SQLite queue) offers it and the wiring hands it out. Code
 * that uses the queue takes the one side it needs: {@link QueueProducer}, {@link QueueConsumer} or
 * {@link QueueAdmin}.
 */
public interface MessageQueue extends QueueProducer, QueueConsumer, QueueAdmin {
}
