package io.anomalyhunter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueueStats;
import io.anomalyhunter.queue.QueuedMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable queue on a real SQLite file, with a clock the test moves. */
class SqliteQueueTest {
    @TempDir
    Path dir;
    final AtomicLong now = new AtomicLong(1_000_000);
    final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    SqliteDatabase db;
    SqliteQueue q;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("q.db"));
        q = new SqliteQueue(db, clock);
    }

    @AfterEach
    void close() {
        q.close();
        db.close();
    }

    @Test
    void leaseHidesMessagesUntilAckOrLeaseEnd() {
        assertEquals(3, q.enqueue(List.of(item("a"), item("b"), item("c"))));
        List<QueuedMessage> first = q.lease("t", 2, Duration.ofSeconds(30));
        assertEquals(List.of("a", "b"), first.stream().map(QueuedMessage::payload).toList());
        assertEquals(1, first.get(0).attempts());
        assertEquals(List.of("c"), q.lease("t", 10, Duration.ofSeconds(30)).stream().map(QueuedMessage::payload).toList());
        q.ack(List.of(first.get(0)));
        assertTrue(q.lease("t", 10, Duration.ofSeconds(30)).isEmpty(), "all leased");
        now.addAndGet(30_001); // the consumer of b and c "crashed": their leases end
        List<QueuedMessage> again = q.lease("t", 10, Duration.ofSeconds(30));
        assertEquals(List.of("b", "c"), again.stream().map(QueuedMessage::payload).toList());
        assertEquals(2, again.get(0).attempts());
        q.ack(List.of(first.get(1))); // a stale lease's ack is ignored...
        assertEquals(2, q.stats().get(0).waiting());
        q.ack(again); // ...the current one counts
        assertEquals(new QueueStats("t", 0, 0, 3, 0), q.stats().get(0));
    }

    /** A run killed while holding a lease: the next run's start makes the message due at once, not after the lease. */
    @Test
    void aLeaseHeldByAKilledRunIsReleasedAtTheNextStart() {
        q.enqueue(List.of(item("a"), item("b")));
        assertEquals(2, q.lease("t", 5, Duration.ofMinutes(10)).size());
        assertEquals(0, q.lease("t", 5, Duration.ofMinutes(10)).size(), "held by the lease");
        assertEquals(2, q.releaseLeases());
        List<QueuedMessage> again = q.lease("t", 5, Duration.ofMinutes(10));
        assertEquals(List.of("a", "b"), again.stream().map(QueuedMessage::payload).toList());
        q.ack(again);
        assertEquals(0, q.releaseLeases(), "done messages stay done");
    }

    @Test
    void retryWaitsDeferDoesNotCountAndDeadLettersKeepTheReason() {
        q.enqueue(List.of(item("x")));
        QueuedMessage m = q.lease("t", 1, Duration.ofSeconds(30)).get(0);
        q.retry(m, Duration.ofSeconds(5), "connection refused");
        now.addAndGet(4_000);
        assertTrue(q.lease("t", 1, Duration.ofSeconds(30)).isEmpty(), "not before its delay");
        now.addAndGet(1_001);
        QueuedMessage m2 = q.lease("t", 1, Duration.ofSeconds(30)).get(0);
        assertEquals(2, m2.attempts());
        assertEquals("connection refused", m2.lastError());
        q.defer(m2, Duration.ZERO);
        QueuedMessage m3 = q.lease("t", 1, Duration.ofSeconds(30)).get(0);
        assertEquals(2, m3.attempts(), "a deferral is not an attempt");
        q.deadLetter(m3, "550 no such user");
        assertTrue(q.lease("t", 1, Duration.ofSeconds(30)).isEmpty());
        List<QueuedMessage> dead = q.list(true, 10);
        assertEquals("550 no such user", dead.get(0).lastError());
        assertEquals(1, q.stats().get(0).dead());
        assertTrue(q.retryDead(dead.get(0).id()));
        assertEquals(1, q.lease("t", 1, Duration.ofSeconds(30)).get(0).attempts(), "fresh attempts after a manual retry");
        assertEquals(0, q.purgeDead());
    }

    @Test
    void dedupKeyMakesEnqueueIdempotentWhileTheMessageIsKept() {
        assertEquals(1, q.enqueue(List.of(new QueueItem("t", "p", "incident-1:opened"))));
        assertEquals(0, q.enqueue(List.of(new QueueItem("t", "p", "incident-1:opened"))));
        q.ack(q.lease("t", 1, Duration.ofSeconds(30)));
        assertEquals(0, q.enqueue(List.of(new QueueItem("t", "p", "incident-1:opened"))), "done still dedups");
        assertEquals(1, q.enqueue(List.of(new QueueItem("other", "p", "incident-1:opened"))), "per topic");
        now.addAndGet(Duration.ofDays(8).toMillis());
        assertEquals(1, q.purgeDone(Duration.ofDays(7)));
    }

    @Test
    void oldestWaitingAgeGrows() {
        q.enqueue(List.of(item("x")));
        now.addAndGet(2_500);
        assertEquals(2_500, q.stats().get(0).oldestWaitingAgeMs());
    }

    private static QueueItem item(String payload) {
        return new QueueItem("t", payload, null);
    }
}
