package io.anomalyhunter.collect.docker;

/** The runtime's socket is missing, refuses us, or answered with an error: the caller retries later. */
public final class DockerUnavailableException extends Exception {
    private final boolean absent;

    public DockerUnavailableException(String message) {
        this(message, false);
    }

    /** @param absent there is no socket at all: the runtime is not installed or not started (not an error) */
    public DockerUnavailableException(String message, boolean absent) {
        super(message);
        this.absent = absent;
    }

    public boolean absent() {
        return absent;
    }
}
