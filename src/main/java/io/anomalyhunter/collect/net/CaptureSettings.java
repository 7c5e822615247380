package io.anomalyhunter.collect.net;

import java.time.Duration;
import java.util.Objects;

/** How to capture one interface and judge its traffic; {@code window} is how often traffic metrics are cut. */
public record CaptureSettings(String interfaceName, String filter, int snaplen, boolean promiscuous, int bufferBytes,
                              Duration window, NetThresholds thresholds, FlowTable.Limits flowLimits) {
    public CaptureSettings {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(flowLimits, "flowLimits");
    }
}
