package io.anomalyhunter.daemon;

import java.time.Instant;

/**
 * When the daemon's own start has settled: the baselines and the host model learn nothing before it (its JVM
 * compiling and loading is not the host's behaviour). Read from the clock once, so both agree on it.
 */
record StartSettle(Instant until) {
}
