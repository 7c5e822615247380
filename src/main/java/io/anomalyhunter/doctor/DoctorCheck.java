package io.anomalyhunter.doctor;

/**
 * One thing the doctor verifies on this host. {@link #run} never throws: any failure, including a native
 * library that does not load (an Error), becomes a FAIL result naming the cause.
 */
public interface DoctorCheck {
    CheckResult run();
}
