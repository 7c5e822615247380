package io.anomalyhunter.bundle;

/** A bundle or key that must not be trusted or used; the message names the file and the problem. */
public final class BundleException extends Exception {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
