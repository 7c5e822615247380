package io.anomalyhunter.collect.net;

import java.time.Duration;

/**
 * When traffic counts as an attack. Defaults are for one ordinary host (a server seeing its own traffic);
 * busy servers raise them in the config.
 */
public record NetThresholds(Duration window, int scanMinPorts, int scanMinHosts, double scanMaxAnswered,
                            int floodMinSynsPerSecond, int reflectionMinPackets, int reflectionMinSources,
                            int bruteForceMinConnections) {
    public static final NetThresholds DEFAULTS = new NetThresholds(Duration.ofSeconds(60), 20, 20, 0.5, 100, 20, 5, 10);
}
