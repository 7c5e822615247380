package io.anomalyhunter.collect.net;

/** Live capture cannot start here (no such interface, no permission, no libpcap, a bad filter); the message says which. */
public final class CaptureUnavailableException extends Exception {
    public CaptureUnavailableException(String message) {
        super(message);
    }
}
