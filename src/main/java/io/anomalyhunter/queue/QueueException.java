package io.anomalyhunter.queue;

/** The queue's storage could not be used (the database is busy, full or unreadable); the work is still there. */
public class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
