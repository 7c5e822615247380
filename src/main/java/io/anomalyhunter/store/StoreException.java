package io.anomalyhunter.store;

/** The database cannot be used; the message names the file and what is wrong. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
