package io.anomalyhunter.collect.net;

/** A capture file that cannot be read: names the file and what is wrong with it. */
public final class CaptureFileException extends Exception {
    public CaptureFileException(String message) {
        super(message);
    }
}
