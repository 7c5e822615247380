package io.anomalyhunter.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a model trained on this host: its name, a version number counting up from 1, when it was
 * made, the sha256 of its ONNX bytes, its metadata (a JSON object) and the bytes themselves ({@code onnx} is empty
 * in listings, which do not read the blobs).
 */
public record ModelVersion(String name, int version, Instant created, String sha256, String metadata, byte[] onnx) {
    public ModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(onnx, "onnx");
    }
}
