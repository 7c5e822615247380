package io.anomalyhunter.collect.net;

/**
 * Live capture cannot start here (no such interface, no permission, no libpcap, a bad filter); the message
 * says which. {@link #mayRecover} is true when trying again later can help (the interface is missing or
 * went away), false when only an operator can (permission, filter, library).
 */
public final class CaptureUnavailableException extends Exception {
    private final boolean mayRecover;

    public CaptureUnavailableException(String message, boolean mayRecover) {
        super(message);
        this.mayRecover = mayRecover;
    }

    public boolean mayRecover() {
        return mayRecover;
    }
}
