package io.anomalyhunter.onnx;

/** A model ONNX Runtime will not load or run; the message says why. */
public final class OnnxModelException extends Exception {
    public OnnxModelException(String message) {
        super(message);
    }
}
