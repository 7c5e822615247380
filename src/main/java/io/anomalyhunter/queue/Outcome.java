package io.anomalyhunter.queue;

import java.time.Duration;

/** What a processor made of a message. */
public sealed interface Outcome {
    /** The work is done: ack. */
    record Done() implements Outcome {
    }

    /** A failure that may pass (peer down, timeout, 4xx-temporary): retry with backoff, up to the limit. */
    record Retry(String reason) implements Outcome {
    }

    /** A failure that will not pass (HTTP 4xx, SMTP 5xx, bad message): dead-letter now with the reason. */
    record Reject(String reason) implements Outcome {
    }

    /** Not now, and not a failure (a rate limit): hand it out again after the delay, attempt not counted. */
    record Defer(Duration delay) implements Outcome {
    }

    static Outcome done() {
        return new Done();
    }
}
