package io.anomalyhunter.collect.net;

import java.util.List;

/** What the network collector shows the API and web page: each capture's state, latest window and findings. */
public interface NetworkView {
    List<InterfaceStatus> interfaces();

    /** One captured interface; {@code latest} is null until its first window closed. */
    record InterfaceStatus(String name, String state, String detail, long packets, long kernelDrops,
                           long interfaceDrops, FlowTable.Counts flows, TrafficWindow latest, List<Finding> findings) {
        public InterfaceStatus {
            findings = List.copyOf(findings);
        }
    }
}
