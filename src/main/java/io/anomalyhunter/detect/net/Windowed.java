package io.anomalyhunter.detect.net;

import io.anomalyhunter.traffic.PacketInfo;

/** Base for detectors that count within fixed windows of capture time and judge each window at its end. */
abstract class Windowed implements PacketDetector {
    private final long windowMicros;
    private long windowStart = Long.MIN_VALUE;

    Windowed(long windowMicros) {
        this.windowMicros = windowMicros;
    }

    @Override
    public final void observe(PacketInfo p, Findings out) {
        if (windowStart == Long.MIN_VALUE) {
            windowStart = p.timeMicros;
        } else if (p.timeMicros >= windowStart + windowMicros || p.timeMicros < windowStart - windowMicros) {
            // A packet slightly older than the window start (captures are not always in order) stays in it.
            close(out);
            windowStart = p.timeMicros;
        }
        count(p);
    }

    @Override
    public final void tick(long nowMicros, Findings out) {
        if (windowStart == Long.MIN_VALUE) {
            return;
        }
        if (nowMicros >= windowStart + windowMicros) {
            close(out);
        } else {
            out.judging(this, windowStart);
            judge(out); // an early look: the attack is reported now, the judgement of the whole window follows
        }
    }

    @Override
    public final void finish(Findings out) {
        if (windowStart != Long.MIN_VALUE) {
            close(out);
        }
    }

    private void close(Findings out) {
        out.judging(this, windowStart);
        judge(out);
        reset();
        windowStart = Long.MIN_VALUE;
    }

    abstract void count(PacketInfo p);

    abstract void judge(Findings out);

    abstract void reset();
}
