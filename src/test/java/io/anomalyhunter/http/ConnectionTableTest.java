package io.anomalyhunter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionTableTest {
    private static final long S = 1_000_000_000L;
    private final ConnectionTable<String> table = new ConnectionTable<>(
            new ConnectionLimits(3, Duration.ofSeconds(10), Duration.ofSeconds(60)));

    private ConnectionTable.Slot<String> open(String name, long now) {
        ConnectionTable.Admission<String> a = table.open(name, now);
        assertEquals(Optional.empty(), a.evicted(), "room for " + name);
        return a.slot();
    }

    private String evictedBy(String name, long now) {
        return table.open(name, now).evicted().map(ConnectionTable.Closing::connection).orElse("none");
    }

    @Test
    void aSilentConnectionGivesWayFirstThenTheLongestIdleThenTheOldestRequest() {
        var ui = open("ui", 0);
        table.read(ui, 1 * S);
        table.wrote(ui, 1 * S);
        var check = open("check", 2 * S);
        table.read(check, 2 * S);
        open("silent", 3 * S);
        assertEquals("silent", evictedBy("new1", 4 * S), "a connection that sent nothing goes first");
        assertEquals("new1", evictedBy("new2", 5 * S), "then the next silent one, however new");
        table.read(table.open("x", 0).slot(), 0);
        assertEquals(3, table.size());
    }

    @Test
    void betweenRequestsGivesWayBeforeMidRequest() {
        var idle = open("idle", 0);
        table.read(idle, 1 * S);
        table.wrote(idle, 1 * S);
        var busy = open("busy", 0);
        table.read(busy, 2 * S);
        var busier = open("busier", 0);
        table.read(busier, 3 * S);
        assertEquals("idle", evictedBy("n", 4 * S), "the one between requests, though its request was the oldest");
        var n = table.open("m", 5 * S);
        assertEquals("n", n.evicted().get().connection(), "silent first");
        table.read(n.slot(), 5 * S);
        assertEquals("busy", evictedBy("o", 6 * S), "all mid-request: the oldest request");
    }

    @Test
    void waitingTooLongForARequestOrInSilenceClosesTheConnection() {
        var silent = open("silent", 0);
        var slow = open("slow", 0);
        table.read(slow, 5 * S);
        table.read(slow, 14 * S);
        var keepAlive = open("keep-alive", 0);
        table.read(keepAlive, 1 * S);
        table.wrote(keepAlive, 1 * S);
        assertEquals(List.of(new ConnectionTable.Closing<>("silent", ConnectionTable.Reason.REQUEST_TIMEOUT)),
                table.expired(11 * S), "silent for 11 s; the slow request began 6 s ago");
        assertEquals(List.of(new ConnectionTable.Closing<>("slow", ConnectionTable.Reason.REQUEST_TIMEOUT)),
                table.expired(16 * S), "bytes keep coming, but the request began 11 s ago");
        assertEquals(List.of(), table.expired(60 * S));
        assertEquals(List.of(new ConnectionTable.Closing<>("keep-alive", ConnectionTable.Reason.IDLE)),
                table.expired(62 * S));
        assertEquals(0, table.size());
        table.closed(silent);
    }

    @Test
    void anAnsweredRequestResetsTheClockAndClosedConnectionsFreeTheirPlace() {
        var sse = open("sse", 0);
        table.read(sse, 0);
        table.wrote(sse, 1 * S);
        for (long t = 15; t <= 300; t += 15) {
            table.wrote(sse, t * S);
            assertTrue(table.expired(t * S + 1).isEmpty(), "a stream that keeps writing stays, at " + t + " s");
        }
        var other = open("other", 0);
        table.closed(other);
        open("third", 0);
        open("fourth", 0);
        assertEquals(3, table.size());
    }

    @Test
    void theCapStaysUnderTheOpenFileLimit() {
        assertEquals(1024, ConnectionLimits.capUnder(1024, 65_536));
        assertEquals(1024, ConnectionLimits.capUnder(1024, 20_000));
        assertEquals(384, ConnectionLimits.capUnder(1024, 1024), "(1024 - 256) / 2");
        assertEquals(16, ConnectionLimits.capUnder(1024, 100));
        assertEquals(20_000, OpenFileLimit.parse("Max open files            20000                20000                files"));
        assertEquals(Long.MAX_VALUE, OpenFileLimit.parse("Max open files  unlimited  unlimited  files"));
    }
}
