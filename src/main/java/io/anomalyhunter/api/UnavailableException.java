package io.anomalyhunter.api;

/** A part the request needs is not in service (a model that is not loaded); a 503 that says which and why. */
public final class UnavailableException extends RuntimeException {
    public UnavailableException(String message) {
        super(message);
    }
}
