package io.anomalyhunter.collect.net;

import io.anomalyhunter.traffic.FlowTable;
import java.time.Duration;
import java.util.Objects;

/** How to capture one interface; {@code window} is how often traffic metrics are cut. */
public record CaptureSettings(String interfaceName, String filter, int snaplen, boolean promiscuous, int bufferBytes,
                              Duration window, FlowTable.Limits flowLimits) {
    public CaptureSettings {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(flowLimits, "flowLimits");
    }
}
