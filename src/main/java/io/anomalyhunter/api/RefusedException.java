package io.anomalyhunter.api;

/** The daemon declined an action as asked (a model that does not load); a 409 with the reason. */
public final class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
