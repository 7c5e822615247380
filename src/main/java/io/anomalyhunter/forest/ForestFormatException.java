package io.anomalyhunter.forest;

/** An ONNX file that is not a forest this code wrote; the message says what is missing. */
public final class ForestFormatException extends Exception {
    public ForestFormatException(String message) {
        super(message);
    }
}
