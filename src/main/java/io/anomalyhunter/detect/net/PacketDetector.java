package io.anomalyhunter.detect.net;

import io.anomalyhunter.traffic.PacketInfo;

/**
 * One kind of attack, judged over windows of capture time: {@link #observe} sees every decoded packet in
 * time order and reports to {@code out} when a window closes; {@link #finish} closes the last one.
 */
public interface PacketDetector {
    void observe(PacketInfo p, Findings out);

    /** Time passes without packets (live capture): report what the open window shows so far, close it when due. */
    default void tick(long nowMicros, Findings out) {
    }

    void finish(Findings out);
}
