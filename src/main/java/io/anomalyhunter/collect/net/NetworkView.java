package io.anomalyhunter.collect.net;

import io.anomalyhunter.traffic.FlowTable;
import io.anomalyhunter.traffic.TrafficWindow;
import java.util.List;

/**
 * What the network collector shows the API and web page: each capture's state and latest traffic window.
 * The attacks it saw are anomalies, read where all anomalies are.
 */
public interface NetworkView {
    List<InterfaceStatus> interfaces();

    /** One captured interface; {@code latest} is null until its first window closed. */
    record InterfaceStatus(String name, String state, String detail, long packets, long kernelDrops,
                           long interfaceDrops, FlowTable.Counts flows, TrafficWindow latest) {
    }
}
