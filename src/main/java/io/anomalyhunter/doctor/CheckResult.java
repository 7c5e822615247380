package io.anomalyhunter.doctor;

import java.util.Objects;

/** The outcome of one doctor check: one line for the operator. */
public record CheckResult(String name, Status status, String detail) {
    public enum Status { PASS, FAIL, SKIP }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, Status.PASS, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, Status.FAIL, detail);
    }

    public static CheckResult skip(String name, String detail) {
        return new CheckResult(name, Status.SKIP, detail);
    }
}
