package io.anomalyhunter.collect;

import java.util.Objects;

/** Whether a collector runs, and why not when it does not. */
public record CollectorState(String name, Status status, String detail) {
    public enum Status { RUNNING, DISABLED, FAILED }

    public CollectorState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
