package io.anomalyhunter.api;

/** A request the API cannot serve as asked; the message names the parameter and value. */
public final class BadDataException extends RuntimeException {
    public BadDataException(String message) {
        super(message);
    }
}
