package io.anomalyhunter.upgrade;

import java.time.Duration;

/** Answers whether the service came up healthy within a time. */
public interface HealthProbe {
    boolean awaitHealthy(Duration timeout) throws InterruptedException;
}
