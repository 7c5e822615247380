package io.anomalyhunter.classifier;

/** A model that is refused at load; the message names the file and the reason. */
public final class ModelLoadException extends Exception {
    public ModelLoadException(String message) {
        super(message);
    }
}
