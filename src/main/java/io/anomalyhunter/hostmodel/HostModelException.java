package io.anomalyhunter.hostmodel;

/** A stored host model that cannot be used, or a window it could not score; the message says which and why. */
final class HostModelException extends Exception {
    HostModelException(String message) {
        super(message);
    }
}
