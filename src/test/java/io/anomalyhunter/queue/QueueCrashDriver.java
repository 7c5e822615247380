package io.anomalyhunter.queue;

import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueueStats;
import io.anomalyhunter.store.SqliteDatabase;
import io.anomalyhunter.store.SqliteQueue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The process QueueCrashTest kills: enqueues messages 0..N-1 (resuming after what was accepted before) while
 * two workers "deliver" each by appending its number to a log and then ack. Exits 0 once all are done.
 */
public final class QueueCrashDriver {
    static final String TOPIC = "crash";
    static final int BATCH = 100;

    private QueueCrashDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path dbFile = Path.of(args[0]);
        Path log = Path.of(args[1]);
        int total = Integer.parseInt(args[2]);
        try (SqliteDatabase db = SqliteDatabase.open(dbFile);
             SqliteQueue queue = new SqliteQueue(db, InstantSource.system());
             FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.APPEND)) {
            MessageProcessor deliver = m -> {
                byte[] line = (m.payload() + "\n").getBytes(StandardCharsets.US_ASCII);
                synchronized (out) {
                    out.write(ByteBuffer.wrap(line)); // a write(2): survives SIGKILL of this process
                }
                return Outcome.done();
            };
            QueueCounters counters = new QueueCounters();
            Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 100);
            List<QueueWorker> workers = List.of(
                    new QueueWorker(queue, db.queueSignal(), TOPIC, deliver, backoff, Duration.ofSeconds(2), BATCH, counters,
                            InstantSource.system()).start(),
                    new QueueWorker(queue, db.queueSignal(), TOPIC, deliver, backoff, Duration.ofSeconds(2), BATCH, counters,
                            InstantSource.system()).start());
            long accepted = accepted(queue);
            while (accepted < total) {
                List<QueueItem> items = new ArrayList<>();
                for (long i = accepted; i < Math.min(total, accepted + 500); i++) {
                    items.add(new QueueItem(TOPIC, Long.toString(i), Long.toString(i)));
                }
                queue.enqueue(items);
                accepted = accepted(queue);
            }
            while (queue.stats().stream().mapToLong(QueueStats::waiting).sum() > 0) {
                Thread.sleep(50);
            }
            workers.forEach(QueueWorker::close);
        }
    }

    private static long accepted(SqliteQueue queue) {
        return queue.stats().stream().mapToLong(s -> s.waiting() + s.done() + s.dead()).sum();
    }
}
