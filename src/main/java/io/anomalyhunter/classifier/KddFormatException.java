package io.anomalyhunter.classifier;

/** A data file that does not fit the NSL-KDD layout; the message names the file, line and column. */
public final class KddFormatException extends RuntimeException {
    public KddFormatException(String message) {
        super(message);
    }
}
