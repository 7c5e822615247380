package io.anomalyhunter.store;

import io.anomalyhunter.queue.MessageQueue;
import io.anomalyhunter.queue.QueueException;
import io.anomalyhunter.queue.QueueItem;
import io.anomalyhunter.queue.QueueStats;
import io.anomalyhunter.queue.QueuedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link MessageQueue} on the queue table, with a connection of its own. Each operation is one statement
 * or one short transaction, so a SIGKILL at any moment leaves every accepted message either waiting or
 * done. A lease is {@code available_ms} moved into the future; {@code attempts} is the lease token.
 */
public final class SqliteQueue implements MessageQueue, AutoCloseable {
    static final String INSERT = "INSERT OR IGNORE INTO queue(topic, payload, dedup_key, state, attempts, created_ms,"
            + " available_ms) VALUES (?,?,?,'ready',0,?,?)";

    private final SqliteDatabase db;
    private final Connection c;
    private final InstantSource clock;

    public SqliteQueue(SqliteDatabase db, InstantSource clock) {
        this.db = db;
        this.c = db.openWriter();
        this.clock = clock;
    }

    /** For benchmarks: NORMAL (the default: a power cut may lose the last commits) or FULL (fsync each commit). */
    public synchronized void useSynchronous(String mode) {
        if (!mode.equals("NORMAL") && !mode.equals("FULL")) {
            throw new IllegalArgumentException("synchronous must be NORMAL or FULL, not " + mode);
        }
        update("set synchronous", "PRAGMA synchronous=" + mode);
    }

    /** Adds the items on {@code connection} inside the caller's transaction; returns how many were new. */
    static int insert(Connection connection, List<QueueItem> items, long nowMs) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        int added = 0;
        try (PreparedStatement s = connection.prepareStatement(INSERT)) {
            for (QueueItem i : items) {
                s.setString(1, i.topic());
                s.setString(2, i.payload());
                s.setString(3, i.dedupKey());
                s.setLong(4, nowMs);
                s.setLong(5, nowMs);
                added += s.executeUpdate();
            }
        }
        return added;
    }

    @Override
    public synchronized int enqueue(List<QueueItem> items) {
        int added = inTransaction("enqueue", conn -> insert(conn, items, now()));
        if (added > 0) {
            db.queueSignal().enqueued();
        }
        return added;
    }

    @Override
    public synchronized List<QueuedMessage> lease(String topic, int max, Duration lease) {
        long now = now();
        // One statement: atomic without a read-then-write transaction that another writer could invalidate.
        String sql = "UPDATE queue SET attempts=attempts+1, available_ms=? WHERE id IN (SELECT id FROM queue"
                + " WHERE topic=? AND state='ready' AND available_ms<=? ORDER BY id LIMIT ?)"
                + " RETURNING id, topic, payload, attempts, created_ms, last_error";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, now + lease.toMillis());
            s.setString(2, topic);
            s.setLong(3, now);
            s.setInt(4, max);
            List<QueuedMessage> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(message(rs));
                }
            }
            out.sort(Comparator.comparingLong(QueuedMessage::id));
            return out;
        } catch (SQLException e) {
            throw failed("lease from " + topic, e);
        }
    }

    @Override
    public synchronized void ack(List<QueuedMessage> messages) {
        long now = now();
        inTransaction("ack", conn -> {
            try (PreparedStatement s = conn.prepareStatement(
                    "UPDATE queue SET state='done', done_ms=? WHERE id=? AND attempts=? AND state='ready'")) {
                for (QueuedMessage m : messages) {
                    s.setLong(1, now);
                    s.setLong(2, m.id());
                    s.setInt(3, m.attempts());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public synchronized void retry(QueuedMessage m, Duration delay, String error) {
        update("retry", "UPDATE queue SET available_ms=?, last_error=? WHERE id=? AND attempts=? AND state='ready'",
                now() + delay.toMillis(), error, m.id(), m.attempts());
    }

    /**
     * At start, before any worker leases: messages a previous run had leased (or was waiting to retry) are due now.
     * A run killed while holding a batch would otherwise leave it untouched for the whole lease (ten minutes and more
     * for an analysis job), and a restart is a natural moment to try a waiting retry again. Returns how many.
     */
    public synchronized int releaseLeases() {
        long now = now();
        return update("release leases", "UPDATE queue SET available_ms=? WHERE state='ready' AND available_ms>?", now, now);
    }

    @Override
    public synchronized void defer(QueuedMessage m, Duration delay) {
        update("defer", "UPDATE queue SET available_ms=?, attempts=attempts-1 WHERE id=? AND attempts=? AND state='ready'",
                now() + delay.toMillis(), m.id(), m.attempts());
    }

    @Override
    public synchronized void deadLetter(QueuedMessage m, String error) {
        update("dead-letter", "UPDATE queue SET state='dead', last_error=?, done_ms=? WHERE id=? AND attempts=?"
                + " AND state='ready'", error, now(), m.id(), m.attempts());
    }

    @Override
    public List<QueueStats> stats() {
        long now = now();
        return read(r -> {
            Map<String, long[]> byTopic = new TreeMap<>(); // waiting, dead, done, oldest waiting created_ms
            try (PreparedStatement s = r.prepareStatement(
                    "SELECT topic, state, count(*), min(created_ms) FROM queue GROUP BY topic, state");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] v = byTopic.computeIfAbsent(rs.getString(1), t -> new long[] {0, 0, 0, now});
                    switch (rs.getString(2)) {
                        case "ready" -> {
                            v[0] = rs.getLong(3);
                            v[3] = rs.getLong(4);
                        }
                        case "dead" -> v[1] = rs.getLong(3);
                        default -> v[2] = rs.getLong(3);
                    }
                }
            }
            List<QueueStats> out = new ArrayList<>();
            byTopic.forEach((t, v) -> out.add(new QueueStats(t, v[0], v[1], v[2], v[0] == 0 ? 0 : Math.max(0, now - v[3]))));
            return out;
        });
    }

    @Override
    public java.util.Optional<Instant> nextDue(String topic) {
        return read(r -> {
            try (PreparedStatement s = r.prepareStatement(
                    "SELECT min(available_ms) FROM queue WHERE topic=? AND state='ready'")) {
                s.setString(1, topic);
                try (ResultSet rs = s.executeQuery()) {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(v));
                }
            }
        });
    }

    @Override
    public List<QueuedMessage> list(boolean dead, int limit) {
        return read(r -> {
            try (PreparedStatement s = r.prepareStatement("SELECT id, topic, payload, attempts, created_ms, last_error"
                    + " FROM queue WHERE state=? ORDER BY id LIMIT ?")) {
                s.setString(1, dead ? "dead" : "ready");
                s.setInt(2, limit);
                List<QueuedMessage> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public synchronized boolean retryDead(long id) {
        return update("retry dead letter", "UPDATE queue SET state='ready', attempts=0, available_ms=?, done_ms=NULL"
                + " WHERE id=? AND state='dead'", now(), id) == 1;
    }

    @Override
    public synchronized int purgeDead() {
        return update("purge dead letters", "DELETE FROM queue WHERE state='dead'");
    }

    @Override
    public synchronized int purgeDone(Duration age) {
        return update("purge done", "DELETE FROM queue WHERE state='done' AND done_ms<?", now() - age.toMillis());
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // closing at shutdown; nothing is pending on this connection
        }
    }

    private static QueuedMessage message(ResultSet rs) throws SQLException {
        return new QueuedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }

    private long now() {
        return clock.millis();
    }

    private int update(String what, String sql, Object... args) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private <T> T inTransaction(String what, SqliteDatabase.SqlFunction<T> body) {
        try {
            c.setAutoCommit(false);
            try {
                T result = body.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** A read on the shared reader pool; its failures are the queue's (consumers catch {@link QueueException}). */
    private <T> T read(SqliteDatabase.SqlFunction<T> query) {
        try {
            return db.read(query);
        } catch (StoreException e) {
            throw new QueueException("queue read on " + db.path() + " failed: " + e.getMessage(), e);
        }
    }

    private QueueException failed(String what, SQLException e) {
        return new QueueException("queue " + what + " on " + db.path() + " failed: " + e.getMessage(), e);
    }
}
