package io.anomalyhunter.store;

import io.anomalyhunter.config.ByteSizeText;
import io.anomalyhunter.detect.state.BaselineStateMapper;
import io.anomalyhunter.log.RepeatedLog;
import io.anomalyhunter.queue.QueueSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes to SQLite. Drains whatever has queued up and applies it in one transaction, so a
 * burst of small writes costs one fsync. Raw samples beyond {@code capacity} pending writes are dropped and
 * counted; everything else waits for room.
 *
 * <p>When a transaction fails (a full disk, an I/O error) nothing that must be kept is lost: anomalies,
 * incidents with their queued alerts, and baselines are held in memory, in order, and retried with backoff
 * until the disk takes them; raw samples and rollups are shed and counted meanwhile. The same shedding starts
 * when the free space falls below the reserve ({@code storage.min_free}), before the disk is full. Either
 * state makes {@link #degradation()} say so, and is logged once, again every ten minutes, and when it ends.
 */
public final class SqliteWriter implements StoreWriter, StoreHealth, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SqliteWriter.class.getName());
    private static final int MAX_BATCH = 1000;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;
    private static final Duration LOG_EVERY = Duration.ofMinutes(10);
    /**
     * Writes must work this long before bulk data flows again: on a disk that is still nearly full, the first
     * small transaction that fits would otherwise let samples in to fill it again, and the state would flap.
     */
    private static final Duration RECOVERY = Duration.ofMinutes(1);
    private static final String FAILING = "writes failing";
    private static final String LOW_SPACE = "low space";

    private final BlockingQueue<StoreWrite> queue;
    private final Connection connection;
    private final QueueSignal queueSignal;
    private final SqliteStatements statements;
    private final FreeSpace space;
    private final long minFree;
    private final RepeatedLog problems;
    private final InstantSource clock;
    private final Thread thread;
    private final AtomicLong droppedSamples = new AtomicLong();
    private final AtomicLong droppedRollups = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Writes a failed transaction gave back, oldest first; only the writer thread touches it. */
    private final Deque<StoreWrite> held = new ArrayDeque<>();
    private volatile String degradation;
    private volatile boolean running = true;
    private volatile boolean busy;
    private long retryAtNanos;
    private long retryMs = FIRST_RETRY_MS;
    private Instant failingSince;
    private Instant lastFailure;

    public SqliteWriter(SqliteDatabase db, int capacity) {
        this(db, capacity, 0, InstantSource.system());
    }

    /** @param minFree bytes to keep free on the database's disk; below, samples and rollups are shed */
    public SqliteWriter(SqliteDatabase db, int capacity, long minFree, InstantSource clock) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.connection = db.openWriter();
        this.queueSignal = db.queueSignal();
        this.space = new FreeSpace(db.path());
        this.minFree = minFree;
        this.problems = new RepeatedLog(LOG, LOG_EVERY, clock);
        this.clock = clock;
        try {
            this.statements = new SqliteStatements(connection, new BaselineStateMapper(), clock);
        } catch (SQLException e) {
            throw new StoreException("preparing statements on " + db.path() + " failed: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::drainLoop, "sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void submit(StoreWrite write) {
        if (write instanceof StoreWrite.Samples s) {
            if (degradation != null || !queue.offer(write)) {
                droppedSamples.addAndGet(s.samples().size());
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

    @Override
    public Optional<String> degradation() {
        return Optional.ofNullable(degradation);
    }

    @Override
    public long droppedSamples() {
        return droppedSamples.get();
    }

    @Override
    public long droppedRollups() {
        return droppedRollups.get();
    }

    public long transactions() {
        return transactions.get();
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public int pending() {
        return queue.size();
    }

    /** Waits until everything submitted so far is written (for shutdown and tests), at most 30 s. */
    public void flush() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!queue.isEmpty() || busy) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void drainLoop() {
        List<StoreWrite> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                StoreWrite first = queue.poll(200, TimeUnit.MILLISECONDS);
                busy = true;
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                if (!batch.isEmpty() || (!held.isEmpty() && System.nanoTime() >= retryAtNanos)) {
                    write(batch);
                }
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
                busy = false;
            }
        }
        if (!held.isEmpty()) {
            LOG.severe("stopping with " + held.size() + " writes the database did not take (" + degradation + ")");
        }
    }

    /** Writes the held writes and then the batch, shedding bulk data while the disk is in trouble. */
    private void write(List<StoreWrite> batch) {
        long free = space.bytes();
        boolean lowSpace = free < minFree;
        boolean failing = failingSince != null;
        boolean retryDue = System.nanoTime() >= retryAtNanos;
        for (StoreWrite w : batch) {
            if ((lowSpace || failing) && shed(w)) {
                continue;
            }
            hold(w);
        }
        if (held.isEmpty() || (failing && !retryDue)) {
            updateState(lowSpace, free, null);
            return;
        }
        List<StoreWrite> all = new ArrayList<>(held);
        try {
            connection.setAutoCommit(false);
            for (StoreWrite w : all) {
                statements.apply(w);
            }
            connection.commit();
            transactions.incrementAndGet();
            held.clear();
            retryMs = FIRST_RETRY_MS;
            if (all.stream().anyMatch(w -> w instanceof StoreWrite.IncidentRow i && !i.enqueue().isEmpty())) {
                queueSignal.enqueued();
            }
            updateState(lowSpace, free, null);
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            rollback();
            all.stream().filter(this::shed).forEach(w -> held.remove(w));
            retryAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryMs);
            retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
            updateState(lowSpace, free, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the next batch sets it again
            }
        }
    }

    /** Keeps a write for the next transaction; only the newest baselines are worth keeping (each is all of them). */
    private void hold(StoreWrite w) {
        if (w instanceof StoreWrite.Baselines) {
            held.removeIf(h -> h instanceof StoreWrite.Baselines);
        }
        held.add(w);
    }

    /** Drops bulk data (counted) and says so; anomalies, incidents and baselines are never shed. */
    private boolean shed(StoreWrite w) {
        if (w instanceof StoreWrite.Samples s) {
            droppedSamples.addAndGet(s.samples().size());
            return true;
        }
        if (w instanceof StoreWrite.Rollups r) {
            droppedRollups.addAndGet(r.rollups().size());
            return true;
        }
        return false;
    }

    private void updateState(boolean lowSpace, long free, String error) {
        String freeText = free == Long.MAX_VALUE ? "unknown" : ByteSizeText.format(free);
        Instant now = clock.instant();
        if (error != null) {
            lastFailure = now;
            if (failingSince == null) {
                failingSince = now;
            }
            degradation = "database writes failing since " + failingSince + ": " + error + "; free space " + freeText
                    + " in " + space.dir() + "; " + held.size() + " writes held and retried, samples shed";
            problems.problem(FAILING, Level.SEVERE, degradation);
            return;
        }
        if (failingSince != null && now.isBefore(lastFailure.plus(RECOVERY))) {
            degradation = "database writes failed until " + lastFailure + " (since " + failingSince + "); free space "
                    + freeText + " in " + space.dir() + "; samples stay shed until writes have worked for a minute";
            return;
        }
        if (failingSince != null) {
            problems.cleared(FAILING, "database writes work again; " + droppedSamples.get() + " samples and "
                    + droppedRollups.get() + " rollups shed in all");
            failingSince = null;
        }
        if (lowSpace) {
            degradation = "free space " + freeText + " in " + space.dir() + " is below storage.min_free ("
                    + ByteSizeText.format(minFree) + "): samples and rollups are shed, anomalies and incidents kept";
            problems.problem(LOW_SPACE, Level.WARNING, degradation);
        } else {
            problems.cleared(LOW_SPACE, "free space " + freeText + " in " + space.dir() + " is above storage.min_free again");
            degradation = null;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is reported
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
