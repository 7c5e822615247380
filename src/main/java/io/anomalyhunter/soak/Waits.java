package io.anomalyhunter.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling until a probe answers, and counting stack traces in a log. */
final class Waits {
    private Waits() {
    }

    /** Polls {@code probe} every 200 ms until it returns non-null; fails after {@code limit}. */
    static <T> T until(Duration limit, Callable<T> probe) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                T v = probe.call();
                if (v != null) {
                    return v;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IOException("gave up after " + limit + (last == null ? "" : ": " + last));
    }

    static long stackTraces(String log) {
        return log.lines().filter(l -> l.startsWith("\tat ")).count();
    }
}
