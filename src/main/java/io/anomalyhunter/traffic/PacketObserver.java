package io.anomalyhunter.traffic;

/**
 * What watches decoded packets beside the traffic counters (the attack detectors): the seam through which a
 * capture, which knows nothing of detection, hands its packets on. Called on the capture thread, in capture time.
 */
public interface PacketObserver {
    /** Does nothing: a capture that only counts traffic. */
    PacketObserver NONE = new PacketObserver() {
        @Override
        public void observe(PacketInfo p) {
        }

        @Override
        public void tick(long nowMicros) {
        }

        @Override
        public void finish(long nowMicros) {
        }
    };

    /** One decoded packet; {@code p} is reused for the next one. */
    void observe(PacketInfo p);

    /** About once a second of capture time, with or without packets: report what is known so far. */
    void tick(long nowMicros);

    /** The capture ended at {@code nowMicros}: close what is open. */
    void finish(long nowMicros);
}
