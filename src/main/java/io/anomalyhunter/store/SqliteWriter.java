package io.anomalyhunter.store;

import io.anomalyhunter.detect.state.BaselineStateMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes to SQLite. Drains whatever has queued up and applies it in one
 * transaction, so a burst of small writes costs one fsync. Raw samples beyond {@code capacity}
 * pending writes are dropped and counted; everything else waits for room.
 */
public final class SqliteWriter implements StoreWriter, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SqliteWriter.class.getName());
    private static final int MAX_BATCH = 1000;

    private final BlockingQueue<StoreWrite> queue;
    private final Connection connection;
    private final QueueSignal queueSignal;
    private final SqliteStatements statements;
    private final Thread thread;
    private final AtomicLong droppedSamples = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    public SqliteWriter(SqliteDatabase db, int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.connection = db.openWriter();
        this.queueSignal = db.queueSignal();
        try {
            this.statements = new SqliteStatements(connection, new BaselineStateMapper());
        } catch (SQLException e) {
            throw new StoreException("preparing statements on " + db.path() + " failed: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::drainLoop, "sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void submit(StoreWrite write) {
        if (write instanceof StoreWrite.Samples) {
            if (!queue.offer(write)) {
                droppedSamples.addAndGet(((StoreWrite.Samples) write).samples().size());
            }
            return;
        }
        try {
            queue.put(write);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a " + write.getClass().getSimpleName() + " write");
        }
    }

    public long droppedSamples() {
        return droppedSamples.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public long failures() {
        return failures.get();
    }

    public int pending() {
        return queue.size();
    }

    /** Waits until everything submitted so far is written (for shutdown and tests). */
    public void flush() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!queue.isEmpty() || busy) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private volatile boolean busy;

    private void drainLoop() {
        List<StoreWrite> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                StoreWrite first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                busy = true;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                apply(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
                busy = false;
            }
        }
    }

    private void apply(List<StoreWrite> batch) {
        try {
            connection.setAutoCommit(false);
            for (StoreWrite w : batch) {
                statements.apply(w);
            }
            connection.commit();
            transactions.incrementAndGet();
            if (batch.stream().anyMatch(w -> w instanceof StoreWrite.IncidentRow i && !i.enqueue().isEmpty())) {
                queueSignal.enqueued();
            }
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            LOG.log(Level.SEVERE, "database write of " + batch.size() + " items failed and was rolled back: " + e);
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the failure above is already reported
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // next batch sets it again
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            statements.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warning("closing the database writer: " + e.getMessage());
        }
    }
}
