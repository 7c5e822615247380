package io.anomalyhunter.collect.docker;

/** An Engine API answer or event we cannot read; it is skipped and the rest kept. */
final class MalformedDockerJsonException extends RuntimeException {
    MalformedDockerJsonException(String message) {
        super(message);
    }
}
