package io.anomalyhunter.classifier;

/** ONNX Runtime failed on rows it had accepted: not the input's fault, and not expected of a loaded model. */
public final class ScoringException extends RuntimeException {
    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }
}
