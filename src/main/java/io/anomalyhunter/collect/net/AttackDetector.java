package io.anomalyhunter.collect.net;

/**
 * One kind of attack, judged over windows of capture time: {@link #observe} sees every decoded packet in
 * time order and reports to {@code out} when a window closes; {@link #finish} closes the last one.
 */
public interface AttackDetector {
    void observe(PacketInfo p, Findings out);

    void finish(Findings out);
}
